package dev.aiblog.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Runs executions of one {@link StateMachineDefinition} in-process, calling a {@link TaskHandler} for every Task
 * state. Each {@link #run} call is a separate execution with its own state, so one runner may run several executions
 * at once on different threads.
 *
 * <p>Time: Wait states and retry delays are multiplied by {@code timeScale} before they reach the {@link Sleeper};
 * Task {@code TimeoutSeconds} is real time and is never scaled. The execution's {@code TimeoutSeconds} counts the real
 * time spent outside waits plus the unscaled length of every wait, so an execution times out after the same waits
 * whatever the scale.
 */
public final class StateMachineRunner {

    /** The ARN used for {@code $$.StateMachine.Id} unless {@link Builder#stateMachineArn} says otherwise. */
    public static final String DEFAULT_STATE_MACHINE_ARN =
            "arn:aws:states:us-east-1:123456789012:stateMachine:StateMachine";

    private static final int MAX_EXECUTION_NAME_LENGTH = 80;

    private static final String FORBIDDEN_NAME_CHARACTERS = "<>{}[]?*\"#%\\^|~`$&,;:/";

    final StateMachineDefinition definition;
    final TaskHandler taskHandler;
    final double timeScale;
    final Sleeper sleeper;
    final Clock clock;
    final HistoryListener listener;
    final String stateMachineArn;
    final String stateMachineName;
    final TaskTokens taskTokens;
    private final RandomGenerator random;

    private StateMachineRunner(Builder b) {
        this.definition = b.definition;
        this.taskHandler = b.taskHandler;
        this.timeScale = b.timeScale;
        this.sleeper = b.sleeper;
        this.random = b.random;
        this.clock = b.clock;
        this.listener = b.listener;
        this.stateMachineArn = b.stateMachineArn;
        this.stateMachineName = b.stateMachineArn.substring(b.stateMachineArn.lastIndexOf(':') + 1);
        this.taskTokens = b.taskTokens;
    }

    /**
     * The registry of this runner's task tokens: where SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat go for the
     * callback Tasks of its executions.
     */
    public TaskTokens taskTokens() {
        return taskTokens;
    }

    /** Starts a builder; {@link Builder#definition} is required, and {@link Builder#taskHandler} when there are Tasks. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs one execution to its end on the calling thread.
     *
     * @param executionName the execution name ({@code $$.Execution.Name}); 1 to 80 characters without whitespace or
     *     any of {@code < > { } [ ] ? * " # % \ ^ | ~ ` $ & , ; : /}, as Step Functions requires
     * @param input the execution input; {@code null} means {@code {}}
     * @return the result; a failed, timed-out or aborted execution is a result, not an exception
     * @throws IllegalArgumentException when the execution name is invalid
     */
    public ExecutionResult run(String executionName, JsonNode input) {
        checkExecutionName(executionName);
        JsonNode start = input == null ? Json.object() : input.deepCopy();
        return new Execution(this, executionName, start).run();
    }

    static void checkExecutionName(String name) {
        Objects.requireNonNull(name, "executionName");
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_EXECUTION_NAME_LENGTH) {
            throw new IllegalArgumentException("execution name must be 1 to 80 characters long: '" + name + "'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean control = c <= 0x1f || c >= 0x7f && c <= 0x9f;
            if (control || Character.isWhitespace(c) || FORBIDDEN_NAME_CHARACTERS.indexOf(c) >= 0) {
                throw new IllegalArgumentException(
                        "execution name contains a character Step Functions refuses: '" + name + "'");
            }
        }
    }

    Duration scale(Duration unscaled) {
        if (timeScale == 1.0) {
            return unscaled;
        }
        return Duration.ofNanos(Math.round(unscaled.toNanos() * timeScale));
    }

    double nextDouble() {
        synchronized (random) {
            return random.nextDouble();
        }
    }

    UUID nextUuid() {
        long high;
        long low;
        synchronized (random) {
            high = random.nextLong();
            low = random.nextLong();
        }
        high = (high & ~0xF000L) | 0x4000L; // version 4
        low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(high, low);
    }

    /** Configures a {@link StateMachineRunner}. Not thread-safe; the runner it builds is. */
    public static final class Builder {

        private StateMachineDefinition definition;
        private TaskHandler taskHandler;
        private double timeScale = 1.0;
        private Sleeper sleeper = Thread::sleep;
        private RandomGenerator random = new SplittableRandom();
        private Clock clock = Clock.systemUTC();
        private HistoryListener listener = (name, event) -> {};
        private String stateMachineArn = DEFAULT_STATE_MACHINE_ARN;
        private TaskTokens taskTokens = new TaskTokens();

        private Builder() {}

        /**
         * The registry that issues the task tokens of callback Tasks ({@code .waitForTaskToken}); defaults to a new one,
         * which {@link StateMachineRunner#taskTokens()} returns. Pass one to share it between runners.
         */
        public Builder taskTokens(TaskTokens taskTokens) {
            this.taskTokens = Objects.requireNonNull(taskTokens, "taskTokens");
            return this;
        }

        /** The definition to run (required). */
        public Builder definition(StateMachineDefinition definition) {
            this.definition = Objects.requireNonNull(definition, "definition");
            return this;
        }

        /** Called for every Task state; required when the definition has Task states. */
        public Builder taskHandler(TaskHandler taskHandler) {
            this.taskHandler = Objects.requireNonNull(taskHandler, "taskHandler");
            return this;
        }

        /**
         * Multiplies Wait durations and retry delays: 1.0 is real time (the default), 0.001 runs them 1000 times faster,
         * 0 skips them. Task timeouts are not scaled.
         */
        public Builder timeScale(double timeScale) {
            if (!(timeScale >= 0) || Double.isInfinite(timeScale)) {
                throw new IllegalArgumentException("timeScale must be a finite number >= 0, got " + timeScale);
            }
            this.timeScale = timeScale;
            return this;
        }

        /** What waits; defaults to {@link Thread#sleep(Duration)}. It is not called for a zero duration. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * The source of retry jitter and of {@code States.UUID()}; pass a seeded generator for repeatable runs. The
         * runner synchronises on it, so a non-thread-safe generator is fine.
         */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** The clock for event timestamps, {@code $$} times and Wait {@code Timestamp}s; defaults to system UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Receives every history event as it is recorded. */
        public Builder listener(HistoryListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The state machine ARN, for {@code $$.StateMachine.Id}, {@code $$.StateMachine.Name} (its last segment) and
         * {@code $$.Execution.Id}; defaults to {@link #DEFAULT_STATE_MACHINE_ARN}.
         */
        public Builder stateMachineArn(String stateMachineArn) {
            Objects.requireNonNull(stateMachineArn, "stateMachineArn");
            String[] parts = stateMachineArn.split(":", -1);
            if (parts.length != 7
                    || !"arn".equals(parts[0])
                    || !"stateMachine".equals(parts[5])
                    || parts[6].isEmpty()) {
                throw new IllegalArgumentException(
                        "not a state machine ARN (arn:aws:states:<region>:<account>:stateMachine:<name>): "
                                + stateMachineArn);
            }
            this.stateMachineArn = stateMachineArn;
            return this;
        }

        /** Builds the runner. */
        public StateMachineRunner build() {
            if (definition == null) {
                throw new IllegalStateException("definition is required");
            }
            if (taskHandler == null) {
                if (definition.hasTaskStates()) {
                    throw new IllegalStateException("taskHandler is required: the definition has Task states");
                }
                taskHandler = (resource, input) -> {
                    throw new IllegalStateException("no TaskHandler");
                };
            }
            return new StateMachineRunner(this);
        }
    }
}
