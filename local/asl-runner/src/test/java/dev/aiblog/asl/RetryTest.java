package dev.aiblog.asl;

import static dev.aiblog.asl.Asl.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {

    private static StateMachineDefinition taskWith(String retryAndCatch) {
        return StateMachineDefinition.parse("""
        {"StartAt": "X", "States": {
          "X": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:task:X", "Next": "Y", %s},
          "Y": {"Type": "Succeed"},
          "Z": {"Type": "Pass", "End": true}}}
        """.formatted(retryAndCatch));
    }

    /** Fails with each error name in turn, then succeeds. */
    private static final class Failing implements TaskHandler {
        final Deque<String> errors;
        final AtomicInteger calls = new AtomicInteger();

        Failing(String... errors) {
            this.errors = new ArrayDeque<>(List.of(errors));
        }

        @Override
        public JsonNode invoke(String resource, JsonNode input) throws TaskFailedException {
            calls.incrementAndGet();
            String error = errors.poll();
            if (error != null) {
                throw new TaskFailedException(error, "attempt " + calls.get() + " failed");
            }
            return json("{\"ok\": true}");
        }
    }

    private static ExecutionResult run(
            StateMachineDefinition definition, TaskHandler handler, Asl.RecordingSleeper sleeper) {
        return Asl.fastRunner(definition, handler, sleeper).build().run("retry", json("{}"));
    }

    @Test
    void retriesWithExponentialBackoffCappedByMaxDelay() {
        StateMachineDefinition definition = taskWith(
                "\"Retry\": [{\"ErrorEquals\": [\"Boom\"], \"IntervalSeconds\": 2, \"BackoffRate\": 2, \"MaxDelaySeconds\": 5, \"MaxAttempts\": 4}]");
        Asl.RecordingSleeper sleeper = new Asl.RecordingSleeper();
        Failing handler = new Failing("Boom", "Boom", "Boom", "Boom");

        ExecutionResult result = run(definition, handler, sleeper);

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(sleeper.seconds()).containsExactly(2.0, 4.0, 5.0, 5.0);
        assertThat(handler.calls).hasValue(5);
    }

    @Test
    void specExampleRetriesThreeSecondsThenFourWhenCapped() {
        StateMachineDefinition definition = taskWith(
                "\"Retry\": [{\"ErrorEquals\": [\"States.Timeout\"], \"IntervalSeconds\": 3, \"MaxAttempts\": 2, \"BackoffRate\": 2.0, \"MaxDelaySeconds\": 4}]");
        Asl.RecordingSleeper sleeper = new Asl.RecordingSleeper();

        ExecutionResult result = run(definition, new Failing("States.Timeout", "States.Timeout"), sleeper);

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(sleeper.seconds()).containsExactly(3.0, 4.0);
    }

    @Test
    void stopsAfterMaxAttemptsAndFailsWithTheLastError() {
        StateMachineDefinition definition = taskWith("\"Retry\": [{\"ErrorEquals\": [\"Boom\"], \"MaxAttempts\": 2}]");
        Failing handler = new Failing("Boom", "Boom", "Boom", "Boom");

        ExecutionResult result = run(definition, handler, new Asl.RecordingSleeper());

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("Boom");
        assertThat(result.cause()).isEqualTo("attempt 3 failed");
        assertThat(handler.calls).hasValue(3);
    }

    @Test
    void usesTheSpecDefaultsIntervalOneRateTwoThreeAttempts() {
        Asl.RecordingSleeper sleeper = new Asl.RecordingSleeper();

        ExecutionResult result = run(
                taskWith("\"Retry\": [{\"ErrorEquals\": [\"Boom\"]}]"),
                new Failing("Boom", "Boom", "Boom", "Boom"),
                sleeper);

        assertThat(result.error()).isEqualTo("Boom");
        assertThat(sleeper.seconds()).containsExactly(1.0, 2.0, 4.0);
    }

    @Test
    void maxAttemptsZeroNeverRetries() {
        Failing handler = new Failing("Boom");

        ExecutionResult result = run(
                taskWith(
                        "\"Retry\": [{\"ErrorEquals\": [\"Boom\"], \"MaxAttempts\": 0}, {\"ErrorEquals\": [\"States.ALL\"]}]"),
                handler,
                new Asl.RecordingSleeper());

        assertThat(result.error()).isEqualTo("Boom");
        assertThat(handler.calls).hasValue(1);
    }

    @Test
    void eachRetrierKeepsItsOwnAttemptCountAsInTheSpecExample() {
        StateMachineDefinition definition = taskWith("""
            "Retry": [
              {"ErrorEquals": ["ErrorA", "ErrorB"], "IntervalSeconds": 1, "BackoffRate": 2, "MaxAttempts": 2},
              {"ErrorEquals": ["ErrorC"], "IntervalSeconds": 5}],
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Z"}]
            """);
        Asl.RecordingSleeper sleeper = new Asl.RecordingSleeper();

        ExecutionResult result = run(definition, new Failing("ErrorA", "ErrorB", "ErrorC", "ErrorB"), sleeper);

        assertThat(sleeper.seconds()).containsExactly(1.0, 2.0, 5.0);
        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Asl.events(result, HistoryEventType.PassStateEntered))
                .extracting(HistoryEvent::stateName)
                .containsExactly("Z");
        assertThat(result.output()).isEqualTo(json("{\"Error\": \"ErrorB\", \"Cause\": \"attempt 4 failed\"}"));
    }

    @Test
    void fullJitterPicksADelayBetweenZeroAndTheComputedDelay() {
        StateMachineDefinition definition = taskWith(
                "\"Retry\": [{\"ErrorEquals\": [\"Boom\"], \"IntervalSeconds\": 4, \"BackoffRate\": 2, \"MaxAttempts\": 5, \"JitterStrategy\": \"FULL\"}]");
        Asl.RecordingSleeper sleeper = new Asl.RecordingSleeper();
        SplittableRandom seeded = new SplittableRandom(42);
        SplittableRandom expectedDraws = new SplittableRandom(42);

        ExecutionResult result = Asl.fastRunner(
                        definition, new Failing("Boom", "Boom", "Boom", "Boom", "Boom"), sleeper)
                .random(seeded)
                .build()
                .run("jitter", json("{}"));

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        double[] computed = {4, 8, 16, 32, 64};
        List<Double> delays = sleeper.seconds();
        assertThat(delays).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(delays.get(i)).isBetween(0.0, computed[i]);
            assertThat(delays.get(i)).isCloseTo(expectedDraws.nextDouble() * computed[i], within(1e-6));
        }
        assertThat(delays).isNotEqualTo(List.of(4.0, 8.0, 16.0, 32.0, 64.0));
    }

    @Test
    void jitterNoneUsesTheComputedDelay() {
        Asl.RecordingSleeper sleeper = new Asl.RecordingSleeper();

        run(
                taskWith(
                        "\"Retry\": [{\"ErrorEquals\": [\"Boom\"], \"IntervalSeconds\": 3, \"JitterStrategy\": \"NONE\"}]"),
                new Failing("Boom"),
                sleeper);

        assertThat(sleeper.seconds()).containsExactly(3.0);
    }

    @Test
    void timeScaleShortensRetryDelays() {
        StateMachineDefinition definition =
                taskWith("\"Retry\": [{\"ErrorEquals\": [\"Boom\"], \"IntervalSeconds\": 10, \"BackoffRate\": 3}]");
        Asl.RecordingSleeper sleeper = new Asl.RecordingSleeper();

        ExecutionResult result = Asl.fastRunner(definition, new Failing("Boom", "Boom"), sleeper)
                .timeScale(0.001)
                .build()
                .run("scaled", json("{}"));

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(sleeper.sleeps).containsExactly(Duration.ofMillis(10), Duration.ofMillis(30));
        assertThat(Asl.events(result, HistoryEventType.TaskRetryScheduled))
                .extracting(
                        e -> e.details().get("delaySeconds").doubleValue(),
                        e -> e.details().get("scaledDelayMillis").longValue())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(10.0, 10L), org.assertj.core.groups.Tuple.tuple(30.0, 30L));
    }

    @Test
    void timeScaleZeroNeverCallsTheSleeper() {
        Asl.RecordingSleeper sleeper = new Asl.RecordingSleeper();

        ExecutionResult result = Asl.fastRunner(
                        taskWith("\"Retry\": [{\"ErrorEquals\": [\"Boom\"]}]"), new Failing("Boom", "Boom"), sleeper)
                .timeScale(0)
                .build()
                .run("instant", json("{}"));

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(sleeper.sleeps).isEmpty();
    }

    @Test
    void statesTaskFailedMatchesCustomErrorsButNotStatesTimeout() {
        String retry = "\"Retry\": [{\"ErrorEquals\": [\"States.TaskFailed\"], \"MaxAttempts\": 1}]";

        Failing custom = new Failing("RateLimited");
        assertThat(run(taskWith(retry), custom, new Asl.RecordingSleeper()).status())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(custom.calls).hasValue(2);

        Failing timeout = new Failing("States.Timeout");
        ExecutionResult result = run(taskWith(retry), timeout, new Asl.RecordingSleeper());
        assertThat(result.error()).isEqualTo("States.Timeout");
        assertThat(timeout.calls).hasValue(1);
    }

    @Test
    void retryCountInTheContextObjectGrowsWithEachRetry() {
        StateMachineDefinition definition = StateMachineDefinition.parse("""
            {"StartAt": "X", "States": {"X": {"Type": "Task", "Resource": "r", "End": true,
              "Parameters": {"attempt.$": "$$.State.RetryCount"},
              "Retry": [{"ErrorEquals": ["A"], "MaxAttempts": 1}, {"ErrorEquals": ["B"], "MaxAttempts": 1}]}}}
            """);
        List<Integer> seen = new ArrayList<>();
        Failing failing = new Failing("A", "B");

        run(
                definition,
                (resource, input) -> {
                    seen.add(input.get("attempt").intValue());
                    return failing.invoke(resource, input);
                },
                new Asl.RecordingSleeper());

        assertThat(seen).containsExactly(0, 1, 2);
    }

    @Test
    void historyShowsEachRetryWithItsErrorAttemptAndDelay() {
        StateMachineDefinition definition = taskWith("""
            "Retry": [{"ErrorEquals": ["RateLimited"], "IntervalSeconds": 2, "MaxAttempts": 3},
                      {"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 1}]
            """);

        ExecutionResult result =
                run(definition, new Failing("RateLimited", "RateLimited", "Other"), new Asl.RecordingSleeper());

        List<HistoryEvent> retries = result.history().stream()
                .filter(e -> e.type() == HistoryEventType.TaskRetryScheduled && "X".equals(e.stateName()))
                .toList();
        assertThat(retries).hasSize(3);
        assertThat(retries)
                .extracting(
                        e -> e.details().get("error").textValue(),
                        e -> e.details().get("attempt").intValue(),
                        e -> e.details().get("retryCount").intValue(),
                        e -> e.details().get("delaySeconds").doubleValue())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("RateLimited", 1, 1, 2.0),
                        org.assertj.core.groups.Tuple.tuple("RateLimited", 2, 2, 4.0),
                        org.assertj.core.groups.Tuple.tuple("Other", 1, 3, 1.0));
        assertThat(Asl.events(result, HistoryEventType.TaskFailed)).hasSize(3);
        assertThat(Asl.events(result, HistoryEventType.TaskScheduled)).hasSize(4);
        // Each retry follows the failure it retries.
        for (HistoryEvent retry : retries) {
            assertThat(result.history().get((int) retry.id() - 2).type()).isEqualTo(HistoryEventType.TaskFailed);
        }
    }

    @Test
    void aRuntimeExceptionIsRetriedByItsClassName() {
        AtomicInteger calls = new AtomicInteger();
        StateMachineDefinition definition =
                taskWith("\"Retry\": [{\"ErrorEquals\": [\"java.lang.IllegalStateException\"], \"MaxAttempts\": 1}]");

        ExecutionResult result = run(
                definition,
                (resource, input) -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new IllegalStateException("model overloaded");
                    }
                    return input;
                },
                new Asl.RecordingSleeper());

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(calls).hasValue(2);
    }
}
