package dev.aiblog.asl;

import static dev.aiblog.asl.Asl.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class CatchTest {

    private static StateMachineDefinition taskWithCatch(String catchers) {
        return StateMachineDefinition.parse("""
        {"StartAt": "Work", "States": {
          "Work": {"Type": "Task", "Resource": "r", "Next": "Done", "Catch": %s},
          "Done": {"Type": "Succeed"},
          "Recover": {"Type": "Pass", "End": true},
          "Other": {"Type": "Pass", "End": true}}}
        """.formatted(catchers));
    }

    private static final TaskHandler RATE_LIMITED = (resource, input) -> {
        throw new TaskFailedException("RateLimited", "429 from the model");
    };

    @Test
    void catchWithResultPathKeepsTheInputAndAddsTheErrorOutput() {
        StateMachineDefinition definition = taskWithCatch(
                "[{\"ErrorEquals\": [\"RateLimited\"], \"ResultPath\": \"$.error-info\", \"Next\": \"Recover\"}]");

        ExecutionResult result = Asl.run(definition, RATE_LIMITED, "{\"requestId\": \"r-1\"}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output())
                .isEqualTo(
                        json(
                                "{\"requestId\": \"r-1\", \"error-info\": {\"Error\": \"RateLimited\", \"Cause\": \"429 from the model\"}}"));
    }

    @Test
    void catchWithoutResultPathOutputsOnlyTheErrorOutput() {
        ExecutionResult result = Asl.run(
                taskWithCatch("[{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Recover\"}]"),
                RATE_LIMITED,
                "{\"a\": 1}");

        assertThat(result.output()).isEqualTo(json("{\"Error\": \"RateLimited\", \"Cause\": \"429 from the model\"}"));
    }

    @Test
    void catchWithNullResultPathPassesTheInputOn() {
        ExecutionResult result = Asl.run(
                taskWithCatch("[{\"ErrorEquals\": [\"States.ALL\"], \"ResultPath\": null, \"Next\": \"Recover\"}]"),
                RATE_LIMITED,
                "{\"a\": 1}");

        assertThat(result.output()).isEqualTo(json("{\"a\": 1}"));
    }

    @Test
    void theFirstMatchingCatcherWins() {
        ExecutionResult result = Asl.run(
                taskWithCatch(
                        "[{\"ErrorEquals\": [\"Nope\"], \"Next\": \"Other\"}, {\"ErrorEquals\": [\"RateLimited\"], \"Next\": \"Recover\"}, {\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Other\"}]"),
                RATE_LIMITED,
                "{}");

        assertThat(Asl.events(result, HistoryEventType.PassStateEntered))
                .extracting(HistoryEvent::stateName)
                .containsExactly("Recover");
    }

    @Test
    void anUncaughtErrorFailsTheExecutionWithItsNameAndCause() {
        ExecutionResult result =
                Asl.run(taskWithCatch("[{\"ErrorEquals\": [\"Other\"], \"Next\": \"Other\"}]"), RATE_LIMITED, "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("RateLimited");
        assertThat(result.cause()).isEqualTo("429 from the model");
        assertThat(result.output()).isNull();
    }

    @Test
    void aRuntimeExceptionFromTheHandlerIsNamedByItsClassLikeLambda() {
        TaskHandler throwing = (resource, input) -> {
            throw new IllegalArgumentException("bad prompt");
        };

        ExecutionResult result = Asl.run(
                taskWithCatch("[{\"ErrorEquals\": [\"java.lang.IllegalArgumentException\"], \"Next\": \"Recover\"}]"),
                throwing,
                "{}");

        assertThat(result.output().get("Error").textValue()).isEqualTo("java.lang.IllegalArgumentException");
        JsonNode cause = json(result.output().get("Cause").textValue());
        assertThat(cause.get("errorMessage").textValue()).isEqualTo("bad prompt");
        assertThat(cause.get("errorType").textValue()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(cause.get("stackTrace").isArray()).isTrue();
    }

    @Test
    void catchStateExitIsRecordedWithTheCatcherOutput() {
        ExecutionResult result = Asl.run(
                taskWithCatch(
                        "[{\"ErrorEquals\": [\"States.TaskFailed\"], \"ResultPath\": \"$.err\", \"Next\": \"Recover\"}]"),
                RATE_LIMITED,
                "{}");

        HistoryEvent exited =
                Asl.events(result, HistoryEventType.TaskStateExited).getFirst();
        assertThat(exited.details().get("output").get("err").get("Error").textValue())
                .isEqualTo("RateLimited");
    }
}
