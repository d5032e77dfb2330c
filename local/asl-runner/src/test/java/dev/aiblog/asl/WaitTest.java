package dev.aiblog.asl;

import static dev.aiblog.asl.Asl.json;
import static dev.aiblog.asl.Asl.single;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaitTest {

    private static ExecutionResult run(String waitState, String input, double timeScale, Asl.RecordingSleeper sleeper) {
        return Asl.fastRunner(single(waitState), null, sleeper)
                .timeScale(timeScale)
                .build()
                .run("wait", json(input));
    }

    @Test
    void waitsSecondsInRealTimeAtScaleOne() {
        Asl.RecordingSleeper sleeper = new Asl.RecordingSleeper();

        ExecutionResult result =
                run("{\"Type\": \"Wait\", \"Seconds\": 10, \"End\": true}", "{\"a\": 1}", 1.0, sleeper);

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output()).isEqualTo(json("{\"a\": 1}"));
        assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(10));
    }

    @Test
    void timeScaleShortensWaits() {
        Asl.RecordingSleeper sleeper = new Asl.RecordingSleeper();

        run("{\"Type\": \"Wait\", \"Seconds\": 3600, \"End\": true}", "{}", 0.001, sleeper);

        assertThat(sleeper.sleeps).containsExactly(Duration.ofMillis(3600));
    }

    @Test
    void timeScaleZeroDoesNotWait() {
        Asl.RecordingSleeper sleeper = new Asl.RecordingSleeper();

        ExecutionResult result = run("{\"Type\": \"Wait\", \"Seconds\": 3600, \"End\": true}", "{}", 0, sleeper);

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(sleeper.sleeps).isEmpty();
    }

    @Test
    void secondsPathReadsTheDelayFromTheInput() {
        Asl.RecordingSleeper sleeper = new Asl.RecordingSleeper();

        run("{\"Type\": \"Wait\", \"SecondsPath\": \"$.delay\", \"End\": true}", "{\"delay\": 7}", 1.0, sleeper);

        assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void secondsPathThatIsNotANonNegativeIntegerFailsWithStatesRuntime() {
        ExecutionResult result = run(
                "{\"Type\": \"Wait\", \"SecondsPath\": \"$.delay\", \"End\": true}",
                "{\"delay\": \"soon\"}",
                1.0,
                new Asl.RecordingSleeper());

        assertThat(result.error()).isEqualTo("States.Runtime");
    }

    @Test
    void timestampWaitsUntilThatTimeOnTheRunnersClock() {
        Asl.RecordingSleeper sleeper = new Asl.RecordingSleeper();

        // The test clock reads 2025-01-02T03:04:05.678Z.
        run("{\"Type\": \"Wait\", \"Timestamp\": \"2025-01-02T03:05:05.678Z\", \"End\": true}", "{}", 0.5, sleeper);

        assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void timestampPathWithAnOffsetIsCompared() {
        Asl.RecordingSleeper sleeper = new Asl.RecordingSleeper();

        run(
                "{\"Type\": \"Wait\", \"TimestampPath\": \"$.at\", \"End\": true}",
                "{\"at\": \"2025-01-02T04:04:15.678+01:00\"}",
                1.0,
                sleeper);

        assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(10));
    }

    @Test
    void aTimestampInThePastDoesNotWait() {
        Asl.RecordingSleeper sleeper = new Asl.RecordingSleeper();

        ExecutionResult result =
                run("{\"Type\": \"Wait\", \"Timestamp\": \"2016-03-14T01:59:00Z\", \"End\": true}", "{}", 1.0, sleeper);

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(sleeper.sleeps).isEmpty();
    }

    @Test
    void anInvalidTimestampPathValueFailsWithStatesRuntime() {
        ExecutionResult result = run(
                "{\"Type\": \"Wait\", \"TimestampPath\": \"$.at\", \"End\": true}",
                "{\"at\": \"2025-01-02 04:04:15\"}",
                1.0,
                new Asl.RecordingSleeper());

        assertThat(result.error()).isEqualTo("States.Runtime");
    }

    @Test
    void waitAppliesInputPathAndOutputPath() {
        ExecutionResult result = run(
                "{\"Type\": \"Wait\", \"Seconds\": 1, \"InputPath\": \"$.a\", \"OutputPath\": \"$.b\", \"End\": true}",
                "{\"a\": {\"b\": 2}}",
                0,
                new Asl.RecordingSleeper());

        assertThat(result.output()).isEqualTo(json("2"));
    }

    @Test
    void theDefaultSleeperReallySleepsScaledTime() {
        StateMachineRunner runner = StateMachineRunner.builder()
                .definition(single("{\"Type\": \"Wait\", \"Seconds\": 2, \"End\": true}"))
                .timeScale(0.05)
                .build();

        long start = System.nanoTime();
        ExecutionResult result = runner.run("real", json("{}"));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(elapsedMillis).isBetween(90L, 2000L);
    }
}
