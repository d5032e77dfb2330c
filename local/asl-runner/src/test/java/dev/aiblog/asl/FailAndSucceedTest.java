package dev.aiblog.asl;

import static dev.aiblog.asl.Asl.json;
import static dev.aiblog.asl.Asl.single;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailAndSucceedTest {

    @Test
    void failEndsTheExecutionWithItsErrorAndCause() {
        ExecutionResult result =
                Asl.run(single("{\"Type\": \"Fail\", \"Error\": \"ErrorA\", \"Cause\": \"Kaiju attack\"}"), null, "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("ErrorA");
        assertThat(result.cause()).isEqualTo("Kaiju attack");
        assertThat(result.history())
                .extracting(HistoryEvent::type)
                .containsExactly(
                        HistoryEventType.ExecutionStarted,
                        HistoryEventType.FailStateEntered,
                        HistoryEventType.ExecutionFailed);
        assertThat(result.history().getLast().details())
                .isEqualTo(json("{\"error\": \"ErrorA\", \"cause\": \"Kaiju attack\"}"));
    }

    @Test
    void failWithErrorPathAndCausePathReadsThemFromTheInput() {
        ExecutionResult result = Asl.run(
                single("{\"Type\": \"Fail\", \"ErrorPath\": \"$.Error\", \"CausePath\": \"$.Cause\"}"),
                null,
                "{\"Error\": \"ModerationFlagged\", \"Cause\": \"the topic is not allowed\"}");

        assertThat(result.error()).isEqualTo("ModerationFlagged");
        assertThat(result.cause()).isEqualTo("the topic is not allowed");
    }

    @Test
    void failCausePathMayBeAnIntrinsicFunction() {
        ExecutionResult result = Asl.run(
                single(
                        "{\"Type\": \"Fail\", \"Error\": \"Failed\", \"CausePath\": \"States.Format('step {} failed: {}', $.step, $.reason)\"}"),
                null,
                "{\"step\": \"IMAGE\", \"reason\": \"quota\"}");

        assertThat(result.cause()).isEqualTo("step IMAGE failed: quota");
    }

    @Test
    void failErrorPathToANonStringFailsWithStatesRuntime() {
        ExecutionResult result = Asl.run(single("{\"Type\": \"Fail\", \"ErrorPath\": \"$.e\"}"), null, "{\"e\": 5}");

        assertThat(result.error()).isEqualTo("States.Runtime");
    }

    @Test
    void failWithoutErrorOrCauseFailsWithNeither() {
        ExecutionResult result = Asl.run(single("{\"Type\": \"Fail\"}"), null, "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isNull();
        assertThat(result.cause()).isNull();
    }

    @Test
    void succeedPassesItsInputThroughInputPathAndOutputPath() {
        ExecutionResult result = Asl.run(
                single("{\"Type\": \"Succeed\", \"InputPath\": \"$.a\", \"OutputPath\": \"$.b\"}"),
                null,
                "{\"a\": {\"b\": [1]}}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output()).isEqualTo(json("[1]"));
    }

    @Test
    void aNullInputStartsTheExecutionWithAnEmptyObject() {
        ExecutionResult result = StateMachineRunner.builder()
                .definition(single("{\"Type\": \"Pass\", \"End\": true}"))
                .build()
                .run("no-input", null);

        assertThat(result.output()).isEqualTo(json("{}"));
    }
}
