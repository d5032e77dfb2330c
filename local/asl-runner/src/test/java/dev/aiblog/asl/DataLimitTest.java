package dev.aiblog.asl;

import static dev.aiblog.asl.Asl.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

/** The 256 KB (262,144 bytes) payload quota. */
class DataLimitTest {

    private static final int LIMIT = 262_144;

    /** A JSON string whose serialised form, quotes included, is {@code bytes} long. */
    private static TextNode payloadOf(int bytes) {
        return TextNode.valueOf("x".repeat(bytes - 2));
    }

    private static StateMachineDefinition task(String catchers) {
        return StateMachineDefinition.parse("""
        {"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "r", "End": true, "Catch": %s},
          "Recover": {"Type": "Pass", "End": true}}}
        """.formatted(catchers));
    }

    @Test
    void aTaskResultOverTheLimitFailsWithStatesDataLimitExceeded() {
        ExecutionResult result = Asl.run(
                task("[{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Recover\"}]"),
                (r, i) -> payloadOf(LIMIT + 1),
                "{}");

        assertThat(result.status()).as("States.ALL does not catch it").isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("States.DataLimitExceeded");
        assertThat(Asl.events(result, HistoryEventType.TaskFailed)
                        .getFirst()
                        .details()
                        .get("error")
                        .textValue())
                .isEqualTo("States.DataLimitExceeded");
    }

    @Test
    void aPayloadOfExactlyTheLimitIsAccepted() {
        ExecutionResult result = Asl.run(
                task("[{\"ErrorEquals\": [\"Other\"], \"Next\": \"Recover\"}]"), (r, i) -> payloadOf(LIMIT), "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output().textValue()).hasSize(LIMIT - 2);
    }

    @Test
    void statesDataLimitExceededCanBeCaughtByName() {
        ExecutionResult result = Asl.run(
                task("[{\"ErrorEquals\": [\"States.DataLimitExceeded\"], \"Next\": \"Recover\"}]"),
                (r, i) -> payloadOf(LIMIT + 1),
                "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output().get("Error").textValue()).isEqualTo("States.DataLimitExceeded");
    }

    @Test
    void anEffectiveInputOverTheLimitAfterParametersFails() {
        StateMachineDefinition definition = StateMachineDefinition.parse("""
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true,
              "Parameters": {"twice.$": "States.Array($.big, $.big)"}}}}
            """);
        String input = "{\"big\": " + payloadOf(200_000) + "}";

        ExecutionResult result = Asl.run(definition, null, input);

        assertThat(result.error()).isEqualTo("States.DataLimitExceeded");
    }

    @Test
    void aStateOutputOverTheLimitFails() {
        StateMachineDefinition definition = StateMachineDefinition.parse("""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "ResultPath": "$.copy", "End": true}}}
            """);
        String input = "{\"big\": " + payloadOf(200_000) + "}";

        ExecutionResult result = Asl.run(definition, (r, i) -> i.get("big"), input);

        assertThat(result.error()).isEqualTo("States.DataLimitExceeded");
        assertThat(Asl.events(result, HistoryEventType.TaskSucceeded)).hasSize(1);
    }

    @Test
    void anExecutionInputOverTheLimitFails() {
        StateMachineDefinition definition = StateMachineDefinition.parse(
                "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}");

        ExecutionResult result = Asl.run(definition, null, payloadOf(LIMIT + 1).toString());

        assertThat(result.error()).isEqualTo("States.DataLimitExceeded");
        assertThat(Asl.events(result, HistoryEventType.PassStateEntered)).isEmpty();
        assertThat(json(payloadOf(LIMIT).toString()).textValue()).hasSize(LIMIT - 2);
    }
}
