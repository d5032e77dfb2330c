package dev.aiblog.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DefinitionValidationTest {

    private static String machine(String states) {
        return "{\"StartAt\":\"A\",\"States\":{" + states + "}}";
    }

    private static void assertRefused(String definition, String... messageParts) {
        assertThatThrownBy(() -> StateMachineDefinition.parse(definition, Map.of()))
                .isInstanceOf(AslValidationException.class)
                .message()
                .contains(messageParts);
    }

    @Test
    void parsesAValidDefinitionAndKeepsStateOrder() {
        StateMachineDefinition definition = StateMachineDefinition.parse(machine("""
                "A": {"Type": "Pass", "Next": "B"},
                "B": {"Type": "Wait", "Seconds": 1, "Next": "C"},
                "C": {"Type": "Succeed"}
                """), Map.of());

        assertThat(definition.startAt()).isEqualTo("A");
        assertThat(definition.stateNames()).containsExactly("A", "B", "C");
    }

    @Test
    void refusesAnUnknownFieldNamingStateAndField() {
        assertRefused(
                machine("\"A\": {\"Type\": \"Task\", \"Resource\": \"r\", \"ItemSelector\": {}, \"End\": true}"),
                "state 'A'",
                "unsupported field 'ItemSelector'");
    }

    @Test
    void refusesAFieldThatBelongsToAnotherStateType() {
        assertRefused(
                machine("\"A\": {\"Type\": \"Pass\", \"Resource\": \"r\", \"End\": true}"),
                "state 'A'",
                "unsupported field 'Resource'",
                "not allowed on a Pass state");
    }

    @Test
    void refusesHeartbeatSecondsOnATaskThatIsNotACallback() {
        assertRefused(
                machine("\"A\": {\"Type\": \"Task\", \"Resource\": \"r\", \"HeartbeatSeconds\": 5, \"End\": true}"),
                "state 'A'",
                "unsupported field 'HeartbeatSeconds'",
                "only on a callback Task");
    }

    @Test
    void refusesAnUnknownTopLevelField() {
        assertRefused(
                "{\"StartAt\":\"A\",\"Foo\":1,\"States\":{\"A\":{\"Type\":\"Succeed\"}}}", "unsupported field 'Foo'");
    }

    @Test
    void refusesAnUnknownStateType() {
        assertRefused(
                machine("\"A\": {\"Type\": \"Sleep\", \"End\": true}"), "state 'A'", "unknown state type 'Sleep'");
    }

    @ParameterizedTest
    @MethodSource("mapAndParallel")
    void refusesMapAndParallelStates(String type) {
        assertRefused(
                machine("\"A\": {\"Type\": \"" + type + "\", \"End\": true}"),
                "state 'A'",
                "unsupported state type '" + type + "'");
    }

    static Stream<String> mapAndParallel() {
        return Stream.of("Map", "Parallel");
    }

    @Test
    void refusesAnUnsupportedIntrinsicFunctionAtLoad() {
        assertRefused(machine("""
            "A": {"Type": "Pass", "Parameters": {"h.$": "States.Hash($.x, 'SHA-256')"}, "End": true}
            """), "state 'A'", "Parameters.h.$", "unsupported intrinsic function 'States.Hash'");
    }

    @Test
    void refusesAnUnknownIntrinsicNestedInsideASupportedOne() {
        assertRefused(machine("""
            "A": {"Type": "Pass", "Parameters": {"a": [{"f.$": "States.Format('{}', States.Nope())"}]}, "End": true}
            """), "state 'A'", "Parameters.a[0].f.$", "'States.Nope'");
    }

    @Test
    void refusesAnUnresolvedSubstitution() {
        String definition = machine("\"A\": {\"Type\": \"Task\", \"Resource\": \"${TextFunctionArn}\", \"End\": true}");

        assertThatThrownBy(() -> StateMachineDefinition.parse(definition, Map.of("OtherArn", "x")))
                .isInstanceOf(AslValidationException.class)
                .hasMessageContaining("state 'A'")
                .hasMessageContaining("unresolved substitution '${TextFunctionArn}'")
                .hasMessageContaining("field 'Resource'");
    }

    @Test
    void replacesSubstitutionsInStringValues() throws Exception {
        StateMachineDefinition definition = StateMachineDefinition.parse(
                machine("""
                "A": {"Type": "Task", "Resource": "${Fn}", "Parameters": {"table": "${Table}-x"}, "End": true}
                """), Map.of("Fn", "arn:aws:lambda:us-east-1:123456789012:function:text", "Table", "Blogs"));
        StringBuilder seen = new StringBuilder();

        ExecutionResult result = Asl.run(
                definition,
                (resource, input) -> {
                    seen.append(resource).append(' ').append(input);
                    return input;
                },
                "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(seen.toString())
                .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:text {\"table\":\"Blogs-x\"}");
    }

    @Test
    void refusesADanglingNext() {
        assertRefused(
                machine("\"A\": {\"Type\": \"Pass\", \"Next\": \"Nowhere\"}"),
                "state 'A'",
                "field 'Next'",
                "'Nowhere'",
                "does not exist");
    }

    @Test
    void refusesADanglingCatchNextAndChoiceDefault() {
        assertRefused(machine("""
            "A": {"Type": "Task", "Resource": "r", "End": true,
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Gone"}]}
            """), "state 'A' Catch[0]", "'Gone'");
        assertRefused(machine("""
            "A": {"Type": "Choice", "Default": "Gone",
                  "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "A"}]}
            """), "state 'A'", "field 'Default'", "'Gone'");
    }

    @Test
    void refusesAStartAtThatNamesNoState() {
        assertRefused("{\"StartAt\":\"Z\",\"States\":{\"A\":{\"Type\":\"Succeed\"}}}", "field 'StartAt'", "'Z'");
    }

    @Test
    void refusesNextTogetherWithEndAndAStateWithNeither() {
        assertRefused(
                machine("\"A\": {\"Type\": \"Pass\", \"Next\": \"A\", \"End\": true}"),
                "state 'A'",
                "both 'Next' and 'End'");
        assertRefused(machine("\"A\": {\"Type\": \"Pass\"}"), "state 'A'", "either 'Next' or 'End'");
        assertRefused(machine("\"A\": {\"Type\": \"Pass\", \"End\": false}"), "state 'A'", "either 'Next' or 'End'");
    }

    @Test
    void refusesStatesAllThatIsNotAloneOrNotLast() {
        assertRefused(machine("""
            "A": {"Type": "Task", "Resource": "r", "End": true,
                  "Retry": [{"ErrorEquals": ["States.ALL", "Boom"]}]}
            """), "state 'A' Retry[0]", "States.ALL");
        assertRefused(machine("""
            "A": {"Type": "Task", "Resource": "r", "End": true,
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "A"}, {"ErrorEquals": ["Boom"], "Next": "A"}]}
            """), "state 'A' Catch[0]", "States.ALL");
    }

    static Stream<Arguments> invalidStates() {
        return Stream.of(
                Arguments.of("{\"Type\": \"Task\", \"End\": true}", "field 'Resource' is required"),
                Arguments.of("{\"Type\": \"Choice\", \"Choices\": []}", "field 'Choices'"),
                Arguments.of(
                        "{\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.x\", \"IsNull\": true}]}",
                        "field 'Next' is required"),
                Arguments.of(
                        "{\"Type\": \"Choice\", \"Choices\": [{\"Not\": {\"Variable\": \"$.x\", \"IsNull\": true, \"Next\": \"A\"}, \"Next\": \"A\"}]}",
                        "nested Choice Rule must not have 'Next'"),
                Arguments.of(
                        "{\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.x\", \"StringEquals\": 3, \"Next\": \"A\"}]}",
                        "must be a string"),
                Arguments.of(
                        "{\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.x\", \"TimestampEquals\": \"2016-03-14 01:59:00\", \"Next\": \"A\"}]}",
                        "RFC 3339"),
                Arguments.of(
                        "{\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.x\", \"StringMatchesPath\": \"$.y\", \"Next\": \"A\"}]}",
                        "unsupported field 'StringMatchesPath'"),
                Arguments.of(
                        "{\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.x\", \"StringMatches\": \"a\\\\b\", \"Next\": \"A\"}]}",
                        "open escape"),
                Arguments.of(
                        "{\"Type\": \"Choice\", \"End\": true, \"Choices\": [{\"Variable\": \"$.x\", \"IsNull\": true, \"Next\": \"A\"}]}",
                        "unsupported field 'End'"),
                Arguments.of(
                        "{\"Type\": \"Wait\", \"Seconds\": 1, \"Timestamp\": \"2016-03-14T01:59:00Z\", \"End\": true}",
                        "exactly one of"),
                Arguments.of("{\"Type\": \"Wait\", \"Seconds\": -1, \"End\": true}", "field 'Seconds'"),
                Arguments.of(
                        "{\"Type\": \"Fail\", \"Error\": \"E\", \"ErrorPath\": \"$.e\"}",
                        "both 'Error' and 'ErrorPath'"),
                Arguments.of("{\"Type\": \"Succeed\", \"Next\": \"A\"}", "unsupported field 'Next'"),
                Arguments.of("{\"Type\": \"Pass\", \"ResultPath\": \"$.a[*]\", \"End\": true}", "Reference Path"),
                Arguments.of("{\"Type\": \"Pass\", \"ResultPath\": \"$$.Execution\", \"End\": true}", "context object"),
                Arguments.of("{\"Type\": \"Pass\", \"InputPath\": \"a.b\", \"End\": true}", "beginning with '$'"),
                Arguments.of("{\"Type\": \"Pass\", \"InputPath\": \"$.a[\", \"End\": true}", "not a valid JSONPath"),
                Arguments.of("{\"Type\": \"Pass\", \"Parameters\": \"x\", \"End\": true}", "must be a JSON object"),
                Arguments.of(
                        "{\"Type\": \"Pass\", \"Parameters\": {\"a\": 1, \"a.$\": \"$.b\"}, \"End\": true}",
                        "duplicates field 'a'"),
                Arguments.of("{\"Type\": \"Pass\", \"Parameters\": {\"a.$\": 3}, \"End\": true}", "Parameters.a.$"),
                Arguments.of(
                        "{\"Type\": \"Pass\", \"Parameters\": {\"a.$\": \"States.Format('{} {}', $.x)\"}, \"End\": true}",
                        "placeholders"),
                Arguments.of(
                        "{\"Type\": \"Pass\", \"Parameters\": {\"a.$\": \"States.Format('open \\\\q', $.x)\"}, \"End\": true}",
                        "open escape"),
                Arguments.of(
                        "{\"Type\": \"Pass\", \"Parameters\": {\"a.$\": \"States.MathAdd('1', 2)\"}, \"End\": true}",
                        "must be integers"),
                Arguments.of(
                        "{\"Type\": \"Pass\", \"Parameters\": {\"a.$\": \"States.UUID(1)\"}, \"End\": true}",
                        "takes 0 argument"),
                Arguments.of(
                        "{\"Type\": \"Pass\", \"Parameters\": {\"a.$\": \"States.Array(1, 2\"}, \"End\": true}",
                        "invalid intrinsic"),
                Arguments.of(
                        "{\"Type\": \"Task\", \"Resource\": \"r\", \"End\": true, \"Retry\": [{\"ErrorEquals\": [\"E\"], \"BackoffRate\": 0.5}]}",
                        "BackoffRate"),
                Arguments.of(
                        "{\"Type\": \"Task\", \"Resource\": \"r\", \"End\": true, \"Retry\": [{\"ErrorEquals\": [\"E\"], \"JitterStrategy\": \"HALF\"}]}",
                        "JitterStrategy"),
                Arguments.of(
                        "{\"Type\": \"Task\", \"Resource\": \"r\", \"End\": true, \"Retry\": [{\"ErrorEquals\": []}]}",
                        "ErrorEquals"),
                Arguments.of(
                        "{\"Type\": \"Task\", \"Resource\": \"r\", \"End\": true, \"TimeoutSeconds\": 0}",
                        "TimeoutSeconds"),
                Arguments.of(
                        "{\"Type\": \"Task\", \"QueryLanguage\": \"JSONata\", \"Resource\": \"r\", \"End\": true}",
                        "QueryLanguage"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidStates")
    void refusesInvalidStatesWithAMessageNamingTheState(String state, String expected) {
        assertRefused(machine("\"A\": " + state), "state 'A'", expected);
    }

    @Test
    void refusesAQueryLanguageOtherThanJsonPath() {
        assertRefused(
                "{\"QueryLanguage\":\"JSONata\",\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\"}}}",
                "state machine",
                "QueryLanguage");
        StateMachineDefinition ok = StateMachineDefinition.parse(
                "{\"QueryLanguage\":\"JSONPath\",\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\"}}}",
                Map.of());
        assertThat(ok.stateNames()).containsExactly("A");
    }

    @Test
    void refusesStateNamesLongerThan80Characters() {
        String name = "x".repeat(81);
        assertRefused("{\"StartAt\":\"" + name + "\",\"States\":{\"" + name + "\":{\"Type\":\"Succeed\"}}}", "1 to 80");
    }

    @Test
    void refusesTextThatIsNotJson() {
        assertRefused("{\"StartAt\":", "not valid JSON");
    }

    @Test
    void readsTopLevelTimeoutAndComment() {
        StateMachineDefinition definition = StateMachineDefinition.parse(
                "{\"Comment\":\"c\",\"Version\":\"1.0\",\"TimeoutSeconds\":30,\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\"}}}");

        assertThat(definition.timeoutSeconds()).hasValue(30);
        assertThat(definition.comment()).isEqualTo("c");
    }
}
