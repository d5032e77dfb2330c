package dev.aiblog.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.asl.ExecutionResult;
import dev.aiblog.asl.ExecutionStatus;
import dev.aiblog.asl.HistoryEvent;
import dev.aiblog.asl.HistoryListener;
import dev.aiblog.asl.StateMachineRunner;
import dev.aiblog.asl.TaskTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Step Functions for one state machine, in this JVM: executions are started by name, run on their own threads
 * by the ASL runner, and keep a live history. Names are unique as in the service: starting a name again with the
 * same input while it runs returns the same execution; anything else with a used name is
 * {@link ExecutionAlreadyExistsException}. Executions live in memory (the local runtime re-drives unfinished
 * requests after a restart; see {@code Recovery}).
 *
 * <p>Callback Tasks ({@code .waitForTaskToken}) wait on {@link #taskTokens()}, where SendTaskSuccess,
 * SendTaskFailure and SendTaskHeartbeat go; each token names its execution. A waiting execution is a parked virtual
 * thread: it holds no platform thread, so hundreds may wait for days. A token does not survive the process: after a
 * restart, an execution started again reaches its callback Task again and hands out a new token.
 */
public final class LocalStepFunctions implements AutoCloseable {
    /** One execution and its history so far. */
    public static final class Execution {
        private final String name;
        private final String arn;
        private final JsonNode input;
        private final Instant startDate;
        private final List<HistoryEvent> history = new CopyOnWriteArrayList<>();
        private final CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
        /** The thread running the execution, once it runs; and whether StopExecution asked it to stop. */
        private volatile Thread thread;

        private volatile boolean stopRequested;

        Execution(String name, String arn, JsonNode input, Instant startDate) {
            this.name = name;
            this.arn = arn;
            this.input = input;
            this.startDate = startDate;
        }

        public String name() {
            return name;
        }

        public String arn() {
            return arn;
        }

        public JsonNode input() {
            return input;
        }

        public Instant startDate() {
            return startDate;
        }

        public List<HistoryEvent> history() {
            return List.copyOf(history);
        }

        public CompletableFuture<ExecutionResult> result() {
            return result;
        }

        public ExecutionStatus status() {
            return result.isDone() ? result.join().status() : ExecutionStatus.RUNNING;
        }

        public Optional<Instant> stopDate() {
            if (!result.isDone()) {
                return Optional.empty();
            }
            List<HistoryEvent> events = result.join().history();
            return events.isEmpty()
                    ? Optional.of(startDate)
                    : Optional.of(events.getLast().timestamp());
        }
    }

    /** Thrown when a name is reused for a different or finished execution. */
    public static final class ExecutionAlreadyExistsException extends RuntimeException {
        ExecutionAlreadyExistsException(String message) {
            super(message);
        }
    }

    private static final long STOP_WAIT_SECONDS = 10;

    private final String stateMachineArn;
    private final StateMachineRunner runner;
    private final Map<String, Execution> executions = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param runnerFactory builds the runner with the listener this class needs to keep live histories
     */
    public LocalStepFunctions(
            String stateMachineArn,
            java.util.function.Function<HistoryListener, StateMachineRunner> runnerFactory,
            HistoryListener observer) {
        this.stateMachineArn = stateMachineArn;
        this.runner = runnerFactory.apply((name, event) -> {
            Execution execution = executions.get(name);
            if (execution != null) {
                execution.history.add(event);
            }
            observer.onEvent(name, event);
        });
    }

    public String stateMachineArn() {
        return stateMachineArn;
    }

    public String executionArn(String name) {
        return stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + name;
    }

    /** Starts an execution (or returns the running one with this name and input), as StartExecution does. */
    public synchronized Execution start(String name, JsonNode input) {
        validateName(name);
        Execution existing = executions.get(name);
        if (existing != null) {
            if (!existing.result.isDone() && existing.input.equals(input)) {
                return existing;
            }
            throw new ExecutionAlreadyExistsException("Execution Already Exists: '" + existing.arn + "'");
        }
        Execution execution = new Execution(name, executionArn(name), input, Instant.now());
        executions.put(name, execution);
        threads.submit(() -> {
            execution.thread = Thread.currentThread();
            if (execution.stopRequested) {
                Thread.currentThread().interrupt();
            }
            try {
                execution.result.complete(runner.run(name, input));
            } catch (Throwable t) {
                execution.result.completeExceptionally(t);
            }
        });
        return execution;
    }

    /** Runs an execution to its end on the caller's thread. */
    public ExecutionResult run(String name, JsonNode input) {
        return start(name, input).result().join();
    }

    /** Where SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat go for this state machine's callback Tasks. */
    public TaskTokens taskTokens() {
        return runner.taskTokens();
    }

    /**
     * The ARN of the state machine a task token belongs to, read from the token; empty for anything that is not a
     * token. What the IAM gateway checks {@code states:SendTask*} against, as AWS does.
     */
    public static Optional<String> stateMachineArnOfToken(String taskToken) {
        return TaskTokens.executionArnOf(taskToken)
                .map(arn -> arn.substring(0, arn.lastIndexOf(':')).replace(":execution:", ":stateMachine:"));
    }

    /**
     * Stops a running execution, as StopExecution does: it ends ABORTED, and the token of a callback Task it was waiting
     * on is closed (a later SendTask* with it gets TaskTimedOut). Stopping an execution that has ended does nothing.
     *
     * @return the execution, once it has ended (or after 10 s, if a Task's function ignores the interruption)
     */
    public Optional<Execution> stop(String executionArn) {
        Optional<Execution> execution = findByArn(executionArn);
        execution.ifPresent(e -> {
            e.stopRequested = true;
            Thread thread = e.thread;
            if (thread != null && !e.result.isDone()) {
                thread.interrupt();
            }
            try {
                // a Task's function that ignores the interruption still runs; its result is discarded
                e.result.get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException ignored) {
                // the execution ends ABORTED when its function returns
            }
        });
        return execution;
    }

    public Optional<Execution> find(String name) {
        return Optional.ofNullable(executions.get(name));
    }

    public Optional<Execution> findByArn(String executionArn) {
        return executions.values().stream()
                .filter(e -> e.arn.equals(executionArn))
                .findFirst();
    }

    public Collection<Execution> executions() {
        return new ArrayList<>(executions.values());
    }

    /** True when no execution is running. */
    public boolean idle() {
        return executions.values().stream().allMatch(e -> e.result.isDone());
    }

    private static void validateName(String name) {
        if (name == null || name.isEmpty() || name.length() > 80 || !name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException(
                    "Invalid Name: '" + name + "' (1-80 characters: letters, digits, - and _)");
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
