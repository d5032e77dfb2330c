package dev.aiblog.asl;

import static dev.aiblog.asl.Asl.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TimeoutTest {

    private static final TaskHandler SLOW = (resource, input) -> {
        try {
            Thread.sleep(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return input;
    };

    private static StateMachineDefinition task(String extra, String topLevel) {
        return StateMachineDefinition.parse("""
        {%s "StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "r", "End": true %s},
          "Recover": {"Type": "Pass", "End": true}}}
        """.formatted(topLevel, extra));
    }

    @Test
    void aTaskThatRunsLongerThanTimeoutSecondsFailsWithStatesTimeout() {
        long start = System.nanoTime();

        ExecutionResult result = Asl.run(task(", \"TimeoutSeconds\": 1", ""), SLOW, "{}");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("States.Timeout");
        assertThat(Asl.events(result, HistoryEventType.TaskTimedOut)).hasSize(1);
    }

    @Test
    void aTaskTimeoutCanBeRetriedAndCaughtByName() {
        AtomicInteger calls = new AtomicInteger();
        TaskHandler slowThenFast =
                (resource, input) -> calls.incrementAndGet() == 1 ? SLOW.invoke(resource, input) : json("\"fast\"");

        ExecutionResult retried = Asl.run(
                task(
                        ", \"TimeoutSeconds\": 1, \"Retry\": [{\"ErrorEquals\": [\"States.Timeout\"], \"MaxAttempts\": 1}]",
                        ""),
                slowThenFast,
                "{}");
        ExecutionResult caught = Asl.run(
                task(
                        ", \"TimeoutSeconds\": 1, \"Catch\": [{\"ErrorEquals\": [\"States.TaskFailed\"], \"Next\": \"Recover\"},"
                                + " {\"ErrorEquals\": [\"States.Timeout\"], \"ResultPath\": \"$.timeout\", \"Next\": \"Recover\"}]",
                        ""),
                SLOW,
                "{}");

        assertThat(retried.output()).isEqualTo(json("\"fast\""));
        assertThat(caught.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(caught.output().get("timeout").get("Error").textValue()).isEqualTo("States.Timeout");
    }

    @Test
    void taskTimeoutsAreNotScaledByTimeScale() {
        TaskHandler twoHundredMillis = (resource, input) -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return json("\"done\"");
        };

        ExecutionResult result = Asl.fastRunner(
                        task(", \"TimeoutSeconds\": 1", ""), twoHundredMillis, new Asl.RecordingSleeper())
                .timeScale(0.001)
                .build()
                .run("unscaled", json("{}"));

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void theExecutionTimesOutDuringAWaitLongerThanItsTimeoutSeconds() {
        StateMachineDefinition definition = StateMachineDefinition.parse("""
            {"TimeoutSeconds": 60, "StartAt": "W", "States": {
              "W": {"Type": "Wait", "Seconds": 3600, "Next": "Done"}, "Done": {"Type": "Succeed"}}}
            """);
        Asl.RecordingSleeper sleeper = new Asl.RecordingSleeper();

        ExecutionResult result =
                Asl.fastRunner(definition, null, sleeper).build().run("slow", json("{}"));

        assertThat(result.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(result.error()).isEqualTo("States.Timeout");
        assertThat(result.history().getLast().type()).isEqualTo(HistoryEventType.ExecutionTimedOut);
        assertThat(sleeper.sleeps).hasSize(1);
        assertThat(sleeper.sleeps.getFirst()).isBetween(Duration.ofSeconds(59), Duration.ofSeconds(60));
        assertThat(Asl.events(result, HistoryEventType.SucceedStateEntered)).isEmpty();
    }

    @Test
    void theExecutionTimeoutCountsUnscaledWaitsSoItFiresAtAnyTimeScale() {
        StateMachineDefinition definition = StateMachineDefinition.parse("""
            {"TimeoutSeconds": 5, "StartAt": "W", "States": {
              "W": {"Type": "Wait", "Seconds": 3, "Next": "W2"},
              "W2": {"Type": "Wait", "Seconds": 3, "Next": "Done"},
              "Done": {"Type": "Succeed"}}}
            """);

        ExecutionResult result = Asl.fastRunner(definition, null, new Asl.RecordingSleeper())
                .timeScale(0)
                .build()
                .run("fast", json("{}"));

        assertThat(result.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(Asl.events(result, HistoryEventType.WaitStateExited))
                .extracting(HistoryEvent::stateName)
                .containsExactly("W");
    }

    @Test
    void theExecutionTimesOutWhileATaskIsRunning() {
        long start = System.nanoTime();

        ExecutionResult result = Asl.run(task("", "\"TimeoutSeconds\": 1,"), SLOW, "{}");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(result.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(Asl.events(result, HistoryEventType.TaskTimedOut)).isEmpty();
    }

    @Test
    void retryDelaysCountTowardsTheExecutionTimeout() {
        TaskHandler alwaysFails = (resource, input) -> {
            throw new TaskFailedException("Boom", null);
        };

        ExecutionResult result = Asl.fastRunner(
                        task(
                                ", \"Retry\": [{\"ErrorEquals\": [\"Boom\"], \"IntervalSeconds\": 10, \"MaxAttempts\": 5}]",
                                "\"TimeoutSeconds\": 25,"),
                        alwaysFails,
                        new Asl.RecordingSleeper())
                .timeScale(0)
                .build()
                .run("retrying", json("{}"));

        assertThat(result.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(Asl.events(result, HistoryEventType.TaskScheduled)).hasSize(2);
    }
}
