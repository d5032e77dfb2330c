package dev.aiblog.asl;

import static dev.aiblog.asl.Asl.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChoiceTest {

    private static StateMachineDefinition choice(String rule, String extra) {
        return StateMachineDefinition.parse("""
        {"StartAt": "C", "States": {
          "C": {"Type": "Choice", "Choices": [%s], "Default": "No" %s},
          "Yes": {"Type": "Pass", "Result": "yes", "End": true},
          "No": {"Type": "Pass", "Result": "no", "End": true}}}
        """.formatted(rule.replaceFirst("}\\s*$", ", \"Next\": \"Yes\"}"), extra));
    }

    private static boolean matches(String rule, String input) {
        ExecutionResult result = Asl.run(choice(rule, ""), null, input);
        assertThat(result.status()).as("%s: %s", result.error(), result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        return result.output().textValue().equals("yes");
    }

    static Stream<Arguments> rules() {
        String in = """
        {"s": "beta", "s2": "beta", "low": "alpha", "n": 10, "n2": 10.0, "big": 11, "t": true, "f": false,
         "ts": "2016-03-14T01:59:00Z", "tsOffset": "2016-03-14T02:59:00+01:00", "later": "2016-03-14T02:00:00.5Z",
         "nil": null, "obj": {}, "log": "foo23.log", "star": "a*b", "slash": "a\\\\b", "numText": "10"}
        """;
        return Stream.of(
                // String comparators
                Arguments.of("{\"Variable\": \"$.s\", \"StringEquals\": \"beta\"}", in, true),
                Arguments.of("{\"Variable\": \"$.s\", \"StringEquals\": \"Beta\"}", in, false),
                Arguments.of("{\"Variable\": \"$.n\", \"StringEquals\": \"10\"}", in, false),
                Arguments.of("{\"Variable\": \"$.s\", \"StringEqualsPath\": \"$.s2\"}", in, true),
                Arguments.of("{\"Variable\": \"$.s\", \"StringLessThan\": \"gamma\"}", in, true),
                Arguments.of("{\"Variable\": \"$.s\", \"StringLessThan\": \"beta\"}", in, false),
                Arguments.of("{\"Variable\": \"$.low\", \"StringLessThanPath\": \"$.s\"}", in, true),
                Arguments.of("{\"Variable\": \"$.s\", \"StringGreaterThan\": \"alpha\"}", in, true),
                Arguments.of("{\"Variable\": \"$.s\", \"StringGreaterThanPath\": \"$.low\"}", in, true),
                Arguments.of("{\"Variable\": \"$.s\", \"StringLessThanEquals\": \"beta\"}", in, true),
                Arguments.of("{\"Variable\": \"$.s\", \"StringLessThanEqualsPath\": \"$.low\"}", in, false),
                Arguments.of("{\"Variable\": \"$.s\", \"StringGreaterThanEquals\": \"beta\"}", in, true),
                Arguments.of("{\"Variable\": \"$.low\", \"StringGreaterThanEqualsPath\": \"$.s\"}", in, false),
                // StringMatches, from the spec's examples
                Arguments.of("{\"Variable\": \"$.log\", \"StringMatches\": \"foo*.log\"}", in, true),
                Arguments.of("{\"Variable\": \"$.log\", \"StringMatches\": \"*.log\"}", in, true),
                Arguments.of("{\"Variable\": \"$.log\", \"StringMatches\": \"foo*.*\"}", in, true),
                Arguments.of("{\"Variable\": \"$.log\", \"StringMatches\": \"bar*\"}", in, false),
                Arguments.of("{\"Variable\": \"$.log\", \"StringMatches\": \"foo2?.log\"}", in, false),
                Arguments.of("{\"Variable\": \"$.star\", \"StringMatches\": \"a\\\\*b\"}", in, true),
                Arguments.of("{\"Variable\": \"$.log\", \"StringMatches\": \"foo\\\\*.log\"}", in, false),
                Arguments.of("{\"Variable\": \"$.slash\", \"StringMatches\": \"a\\\\\\\\b\"}", in, true),
                // Numeric comparators
                Arguments.of("{\"Variable\": \"$.n\", \"NumericEquals\": 10}", in, true),
                Arguments.of("{\"Variable\": \"$.n2\", \"NumericEquals\": 10}", in, true),
                Arguments.of("{\"Variable\": \"$.numText\", \"NumericEquals\": 10}", in, false),
                Arguments.of("{\"Variable\": \"$.n\", \"NumericEqualsPath\": \"$.n2\"}", in, true),
                Arguments.of("{\"Variable\": \"$.n\", \"NumericLessThan\": 10.5}", in, true),
                Arguments.of("{\"Variable\": \"$.n\", \"NumericLessThanPath\": \"$.big\"}", in, true),
                Arguments.of("{\"Variable\": \"$.n\", \"NumericGreaterThan\": 10}", in, false),
                Arguments.of("{\"Variable\": \"$.big\", \"NumericGreaterThanPath\": \"$.n\"}", in, true),
                Arguments.of("{\"Variable\": \"$.n\", \"NumericLessThanEquals\": 10}", in, true),
                Arguments.of("{\"Variable\": \"$.big\", \"NumericLessThanEqualsPath\": \"$.n\"}", in, false),
                Arguments.of("{\"Variable\": \"$.n\", \"NumericGreaterThanEquals\": 10}", in, true),
                Arguments.of("{\"Variable\": \"$.n\", \"NumericGreaterThanEqualsPath\": \"$.big\"}", in, false),
                // Boolean
                Arguments.of("{\"Variable\": \"$.t\", \"BooleanEquals\": true}", in, true),
                Arguments.of("{\"Variable\": \"$.f\", \"BooleanEquals\": true}", in, false),
                Arguments.of("{\"Variable\": \"$.s\", \"BooleanEquals\": true}", in, false),
                Arguments.of("{\"Variable\": \"$.t\", \"BooleanEqualsPath\": \"$.f\"}", in, false),
                // Timestamps: compared as instants, offsets honoured
                Arguments.of("{\"Variable\": \"$.ts\", \"TimestampEquals\": \"2016-03-14T01:59:00Z\"}", in, true),
                Arguments.of("{\"Variable\": \"$.tsOffset\", \"TimestampEqualsPath\": \"$.ts\"}", in, true),
                Arguments.of("{\"Variable\": \"$.ts\", \"TimestampLessThan\": \"2016-03-14T02:00:00Z\"}", in, true),
                Arguments.of("{\"Variable\": \"$.ts\", \"TimestampLessThanPath\": \"$.later\"}", in, true),
                Arguments.of(
                        "{\"Variable\": \"$.later\", \"TimestampGreaterThan\": \"2016-03-14T02:00:00Z\"}", in, true),
                Arguments.of("{\"Variable\": \"$.ts\", \"TimestampGreaterThanPath\": \"$.later\"}", in, false),
                Arguments.of(
                        "{\"Variable\": \"$.ts\", \"TimestampLessThanEquals\": \"2016-03-14T01:59:00Z\"}", in, true),
                Arguments.of("{\"Variable\": \"$.later\", \"TimestampLessThanEqualsPath\": \"$.ts\"}", in, false),
                Arguments.of(
                        "{\"Variable\": \"$.ts\", \"TimestampGreaterThanEquals\": \"2016-03-14T01:59:00Z\"}", in, true),
                Arguments.of("{\"Variable\": \"$.ts\", \"TimestampGreaterThanEqualsPath\": \"$.later\"}", in, false),
                Arguments.of("{\"Variable\": \"$.s\", \"TimestampEquals\": \"2016-03-14T01:59:00Z\"}", in, false),
                // Type tests
                Arguments.of("{\"Variable\": \"$.nil\", \"IsNull\": true}", in, true),
                Arguments.of("{\"Variable\": \"$.s\", \"IsNull\": true}", in, false),
                Arguments.of("{\"Variable\": \"$.s\", \"IsNull\": false}", in, true),
                Arguments.of("{\"Variable\": \"$.s\", \"IsPresent\": true}", in, true),
                Arguments.of("{\"Variable\": \"$.missing\", \"IsPresent\": true}", in, false),
                Arguments.of("{\"Variable\": \"$.missing\", \"IsPresent\": false}", in, true),
                Arguments.of("{\"Variable\": \"$.nil\", \"IsPresent\": true}", in, true),
                Arguments.of("{\"Variable\": \"$.n\", \"IsNumeric\": true}", in, true),
                Arguments.of("{\"Variable\": \"$.numText\", \"IsNumeric\": true}", in, false),
                Arguments.of("{\"Variable\": \"$.s\", \"IsString\": true}", in, true),
                Arguments.of("{\"Variable\": \"$.obj\", \"IsString\": true}", in, false),
                Arguments.of("{\"Variable\": \"$.t\", \"IsBoolean\": true}", in, true),
                Arguments.of("{\"Variable\": \"$.s\", \"IsBoolean\": false}", in, true),
                Arguments.of("{\"Variable\": \"$.ts\", \"IsTimestamp\": true}", in, true),
                Arguments.of("{\"Variable\": \"$.s\", \"IsTimestamp\": true}", in, false),
                // Boolean expressions
                Arguments.of(
                        "{\"And\": [{\"Variable\": \"$.n\", \"IsNumeric\": true}, {\"Variable\": \"$.n\", \"NumericLessThan\": 30}]}",
                        in,
                        true),
                Arguments.of(
                        "{\"And\": [{\"Variable\": \"$.n\", \"IsNumeric\": true}, {\"Variable\": \"$.n\", \"NumericLessThan\": 5}]}",
                        in,
                        false),
                Arguments.of(
                        "{\"Or\": [{\"Variable\": \"$.s\", \"StringEquals\": \"x\"}, {\"Variable\": \"$.t\", \"BooleanEquals\": true}]}",
                        in,
                        true),
                Arguments.of(
                        "{\"Or\": [{\"Variable\": \"$.s\", \"StringEquals\": \"x\"}, {\"Variable\": \"$.f\", \"BooleanEquals\": true}]}",
                        in,
                        false),
                Arguments.of("{\"Not\": {\"Variable\": \"$.s\", \"StringEquals\": \"beta\"}}", in, false),
                Arguments.of("{\"Not\": {\"Variable\": \"$.s\", \"StringEquals\": \"Private\"}}", in, true),
                // And stops at the first false, so a later rule on a missing field is not evaluated
                Arguments.of(
                        "{\"And\": [{\"Variable\": \"$.missing\", \"IsPresent\": true}, {\"Variable\": \"$.missing\", \"NumericEquals\": 1}]}",
                        in,
                        false),
                // A context-object variable
                Arguments.of("{\"Variable\": \"$$.Execution.Name\", \"StringEquals\": \"test-execution\"}", in, true));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("rules")
    void evaluatesChoiceRulesAsTheSpecDefines(String rule, String input, boolean expected) {
        assertThat(matches(rule, input)).isEqualTo(expected);
    }

    @Test
    void specExampleDispatchesOnTheFirstMatchingRule() {
        StateMachineDefinition definition = StateMachineDefinition.parse("""
            {"StartAt": "DispatchEvent", "States": {
              "DispatchEvent": {"Type": "Choice", "Default": "RecordEvent", "Choices": [
                {"Not": {"Variable": "$.type", "StringEquals": "Private"}, "Next": "Public"},
                {"And": [{"Variable": "$.value", "IsPresent": true}, {"Variable": "$.value", "IsNumeric": true},
                         {"Variable": "$.value", "NumericGreaterThanEquals": 20}, {"Variable": "$.value", "NumericLessThan": 30}],
                 "Next": "ValueInTwenties"},
                {"Variable": "$.rating", "NumericGreaterThanPath": "$.auditThreshold", "Next": "StartAudit"}]},
              "Public": {"Type": "Succeed"}, "ValueInTwenties": {"Type": "Succeed"},
              "StartAudit": {"Type": "Succeed"}, "RecordEvent": {"Type": "Succeed"}}}
            """);

        assertThat(lastState(Asl.run(definition, null, "{\"type\": \"Private\", \"value\": 22}")))
                .isEqualTo("ValueInTwenties");
        assertThat(lastState(Asl.run(definition, null, "{\"type\": \"Public\"}")))
                .isEqualTo("Public");
        assertThat(lastState(
                        Asl.run(definition, null, "{\"type\": \"Private\", \"rating\": 9, \"auditThreshold\": 5}")))
                .isEqualTo("StartAudit");
        assertThat(lastState(
                        Asl.run(definition, null, "{\"type\": \"Private\", \"rating\": 1, \"auditThreshold\": 5}")))
                .isEqualTo("RecordEvent");
    }

    private static String lastState(ExecutionResult result) {
        return Asl.events(result, HistoryEventType.SucceedStateEntered)
                .getFirst()
                .stateName();
    }

    @Test
    void withoutAMatchOrDefaultFailsWithStatesNoChoiceMatched() {
        StateMachineDefinition definition = StateMachineDefinition.parse("""
            {"StartAt": "C", "States": {
              "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "NumericEquals": 1, "Next": "Done"}]},
              "Done": {"Type": "Succeed"}}}
            """);

        ExecutionResult result = Asl.run(definition, null, "{\"x\": 2}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("States.NoChoiceMatched");
    }

    @Test
    void comparingAMissingVariableFailsWithStatesRuntime() {
        ExecutionResult result =
                Asl.run(choice("{\"Variable\": \"$.missing\", \"StringEquals\": \"x\"}", ""), null, "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("States.Runtime");
        assertThat(result.cause()).contains("'$.missing'", "state 'C'");
    }

    @Test
    void choiceAppliesInputPathBeforeTheRulesAndOutputPathAfter() {
        StateMachineDefinition definition = choice(
                "{\"Variable\": \"$.flagged\", \"BooleanEquals\": true}",
                ", \"InputPath\": \"$.moderation\", \"OutputPath\": \"$.reason\"");

        ExecutionResult result =
                Asl.run(definition, null, "{\"moderation\": {\"flagged\": true, \"reason\": \"violence\"}}");

        HistoryEvent exited =
                Asl.events(result, HistoryEventType.ChoiceStateExited).getFirst();
        assertThat(exited.details().get("output")).isEqualTo(json("\"violence\""));
        assertThat(result.output().textValue()).isEqualTo("yes");
    }
}
