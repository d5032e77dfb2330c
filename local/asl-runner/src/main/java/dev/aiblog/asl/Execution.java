package dev.aiblog.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiblog.asl.States.Catcher;
import dev.aiblog.asl.States.ChoiceBranch;
import dev.aiblog.asl.States.Retrier;
import dev.aiblog.asl.States.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One execution: its history, its clocks and the interpreter loop. Used by one thread. */
final class Execution {

    private static final System.Logger LOG = System.getLogger(Execution.class.getName());

    /** Step Functions truncates error causes to this many characters. */
    private static final int MAX_CAUSE_LENGTH = 32_768;

    private final StateMachineRunner runner;
    private final String name;
    private final JsonNode input;
    private final String executionArn;
    private final List<HistoryEvent> history = new ArrayList<>();
    private final Long timeoutNanos;
    private final long startNanos = System.nanoTime();
    private final Instant startTime;
    private long lastEventId;
    private long sleptRealNanos;
    private long sleptVirtualNanos;
    private boolean listenerFailed;

    // The state being executed, for the context object and error causes.
    private String stateName;
    private Instant stateEnteredTime;
    private long stateEnteredEventId;
    private int stateRetryCount;
    /** The token of the callback Task attempt running now ({@code $$.Task.Token}), else {@code null}. */
    private String taskToken;

    /** The next state ({@code null} to end the execution) and the output passed to it. */
    private record Step(String next, JsonNode output) {}

    /** The execution's TimeoutSeconds elapsed. */
    private static final class ExecutionTimedOut extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ExecutionTimedOut() {
            super(null, null, false, false);
        }
    }

    Execution(StateMachineRunner runner, String name, JsonNode input) {
        this.runner = runner;
        this.name = name;
        this.input = input;
        this.executionArn = runner.stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + name;
        this.timeoutNanos = runner.definition.timeoutSeconds().isPresent()
                ? TimeUnit.SECONDS.toNanos(runner.definition.timeoutSeconds().getAsInt())
                : null;
        this.startTime = runner.clock.instant();
    }

    ExecutionResult run() {
        ObjectNode started = Json.object();
        started.set("input", input);
        started.set("inputDetails", truncated());
        record(HistoryEventType.ExecutionStarted, null, started);
        try {
            if (Json.sizeInBytes(input) > Json.MAX_PAYLOAD_BYTES) {
                throw new StateError(
                        ErrorNames.DATA_LIMIT_EXCEEDED,
                        "The execution input has a size exceeding the maximum number of bytes service limit ("
                                + Json.MAX_PAYLOAD_BYTES
                                + ").");
            }
            String current = runner.definition.startAt();
            JsonNode data = input;
            while (true) {
                checkTimeout();
                Step step = execute(runner.definition.state(current), data);
                if (step.next() == null) {
                    return succeeded(step.output());
                }
                current = step.next();
                data = step.output();
            }
        } catch (StateError e) {
            return failed(e.error(), e.cause());
        } catch (ExecutionTimedOut e) {
            return timedOut();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return aborted();
        }
    }

    private Step execute(State state, JsonNode raw) throws InterruptedException {
        stateName = state.name();
        stateEnteredTime = runner.clock.instant();
        stateRetryCount = 0;
        ObjectNode entered = Json.object();
        entered.put("name", state.name());
        entered.set("input", raw);
        entered.set("inputDetails", truncated());
        stateEnteredEventId = record(HistoryEventType.valueOf(state.type() + "StateEntered"), state.name(), entered);
        try {
            return switch (state) {
                case States.Task task -> task(task, raw);
                case States.Pass pass -> pass(pass, raw);
                case States.Choice choice -> choice(choice, raw);
                case States.Wait wait -> waitState(wait, raw);
                case States.Succeed succeed -> succeed(succeed, raw);
                case States.Fail fail -> fail(fail, raw);
            };
        } catch (StateError e) {
            if (ErrorNames.RUNTIME.equals(e.error())) {
                throw new StateError(
                        ErrorNames.RUNTIME,
                        "An error occurred while executing the state '"
                                + state.name()
                                + "' (entered at the event id #"
                                + stateEnteredEventId
                                + "). "
                                + e.cause());
            }
            throw e;
        }
    }

    // ---------------------------------------------------------------- state types

    private Step pass(States.Pass pass, JsonNode raw) {
        Scope scope = scope(raw);
        JsonNode effective = pass.inputPath().apply(scope);
        if (pass.parameters() != null) {
            effective = pass.parameters().evaluate(scope.withInput(effective));
            checkSize(effective, "input");
        }
        JsonNode result = pass.result() != null ? pass.result().deepCopy() : effective;
        JsonNode output =
                pass.outputPath().apply(scope.withInput(pass.resultPath().apply(raw, result)));
        exit(pass, output);
        return new Step(pass.next(), output);
    }

    private Step choice(States.Choice choice, JsonNode raw) {
        Scope scope = scope(raw);
        Scope effective = scope.withInput(choice.inputPath().apply(scope));
        String next = null;
        for (ChoiceBranch branch : choice.choices()) {
            if (branch.rule().matches(effective)) {
                next = branch.next();
                break;
            }
        }
        if (next == null) {
            next = choice.defaultNext();
        }
        if (next == null) {
            throw new StateError(
                    ErrorNames.NO_CHOICE_MATCHED,
                    "No Choice Rule matched the input of state '" + choice.name() + "' and it has no Default.");
        }
        JsonNode output = choice.outputPath().apply(effective);
        exit(choice, output);
        return new Step(next, output);
    }

    private Step waitState(States.Wait wait, JsonNode raw) throws InterruptedException {
        Scope scope = scope(raw);
        Scope effective = scope.withInput(wait.inputPath().apply(scope));
        Duration duration;
        if (wait.seconds() != null) {
            duration = Duration.ofSeconds(wait.seconds());
        } else if (wait.secondsPath() != null) {
            JsonNode value = wait.secondsPath().read(effective.input(), effective.context());
            if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
                throw StateError.runtime("The SecondsPath parameter does not reference a valid non-negative integer: '"
                        + wait.secondsPath()
                        + "' gave "
                        + (value == null ? "nothing" : Json.abbreviate(value)));
            }
            duration = Duration.ofSeconds(value.longValue());
        } else {
            Instant until = wait.timestamp();
            if (until == null) {
                JsonNode value = wait.timestampPath().read(effective.input(), effective.context());
                until = value != null && value.isTextual() ? Timestamps.parse(value.textValue()) : null;
                if (until == null) {
                    throw StateError.runtime(
                            "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format"
                                    + " string: '"
                                    + wait.timestampPath()
                                    + "' gave "
                                    + (value == null ? "nothing" : Json.abbreviate(value)));
                }
            }
            duration = Duration.between(runner.clock.instant(), until);
        }
        pause(duration);
        JsonNode output = wait.outputPath().apply(effective);
        exit(wait, output);
        return new Step(wait.next(), output);
    }

    private Step succeed(States.Succeed succeed, JsonNode raw) {
        Scope scope = scope(raw);
        Scope effective = scope.withInput(succeed.inputPath().apply(scope));
        JsonNode output = succeed.outputPath().apply(effective);
        exit(succeed, output);
        return new Step(null, output);
    }

    private Step fail(States.Fail fail, JsonNode raw) {
        Scope scope = scope(raw);
        String error = fail.errorPath() != null ? fail.errorPath().evaluate(scope) : fail.error();
        String cause = fail.causePath() != null ? fail.causePath().evaluate(scope) : fail.cause();
        throw new StateError(error, cause);
    }

    private Step task(States.Task task, JsonNode raw) throws InterruptedException {
        int[] attempts = new int[task.retriers().size()];
        while (true) {
            checkTimeout();
            // each attempt of a callback Task has its own token, closed when the attempt ends in any way
            CallbackWait wait = task.callback() ? runner.taskTokens.open(executionArn, task.name()) : null;
            taskToken = wait == null ? null : wait.token();
            try {
                Scope scope = scope(raw);
                JsonNode effective = task.inputPath().apply(scope);
                Integer timeoutSeconds = seconds(
                        task.timeoutSeconds(),
                        task.timeoutSecondsPath(),
                        "TimeoutSecondsPath",
                        scope.withInput(effective));
                Integer heartbeatSeconds = seconds(
                        task.heartbeatSeconds(),
                        task.heartbeatSecondsPath(),
                        "HeartbeatSecondsPath",
                        scope.withInput(effective));
                if (heartbeatSeconds != null && timeoutSeconds != null && heartbeatSeconds >= timeoutSeconds) {
                    throw StateError.runtime("The HeartbeatSeconds (" + heartbeatSeconds
                            + ") must be smaller than the TimeoutSeconds (" + timeoutSeconds + ").");
                }
                if (task.parameters() != null) {
                    effective = task.parameters().evaluate(scope.withInput(effective));
                }
                checkSize(effective, "input");
                JsonNode result = wait == null
                        ? invoke(task, effective, timeoutSeconds)
                        : callback(task, effective, wait, timeoutSeconds, heartbeatSeconds);
                if (task.resultSelector() != null) {
                    result = task.resultSelector().evaluate(scope.withInput(result));
                }
                JsonNode output = task.outputPath()
                        .apply(scope.withInput(task.resultPath().apply(raw, result)));
                exit(task, output);
                return new Step(task.next(), output);
            } catch (StateError e) {
                if (ErrorNames.RUNTIME.equals(e.error())) {
                    throw e; // not retriable, not catchable
                }
                int index = firstRetrier(task.retriers(), e.error());
                if (index >= 0 && attempts[index] < task.retriers().get(index).maxAttempts()) {
                    attempts[index]++;
                    stateRetryCount++;
                    scheduleRetry(task, index, attempts[index], e);
                    continue;
                }
                for (Catcher catcher : task.catchers()) {
                    if (catcher.matches(e.error())) {
                        ObjectNode errorOutput = Json.object();
                        errorOutput.put("Error", e.error());
                        if (e.cause() != null) {
                            errorOutput.put("Cause", e.cause());
                        }
                        JsonNode output = catcher.resultPath().apply(raw, errorOutput);
                        exit(task, output);
                        return new Step(catcher.next(), output);
                    }
                }
                throw e;
            } finally {
                if (wait != null) {
                    wait.close();
                    taskToken = null;
                }
            }
        }
    }

    /** A Task's TimeoutSeconds or HeartbeatSeconds, from the field or from its Path; {@code null} when neither is set. */
    private static Integer seconds(Integer fixed, JsonPathExpr path, String field, Scope scope) {
        if (path == null) {
            return fixed;
        }
        JsonNode value = path.read(scope.input(), scope.context());
        if (value == null
                || !value.isIntegralNumber()
                || !value.canConvertToInt()
                || value.intValue() < 1
                || value.intValue() > 99_999_999) {
            throw StateError.runtime("The " + field + " parameter does not reference a valid positive integer: '" + path
                    + "' gave " + (value == null ? "nothing" : Json.abbreviate(value)));
        }
        return value.intValue();
    }

    private static int firstRetrier(List<Retrier> retriers, String error) {
        for (int i = 0; i < retriers.size(); i++) {
            if (retriers.get(i).matches(error)) {
                return i;
            }
        }
        return -1;
    }

    private void scheduleRetry(States.Task task, int index, int attempt, StateError e) throws InterruptedException {
        Retrier retrier = task.retriers().get(index);
        double delaySeconds = retrier.delaySeconds(attempt);
        if (retrier.fullJitter()) {
            delaySeconds = runner.nextDouble() * delaySeconds;
        }
        Duration delay = Duration.ofNanos(Math.round(delaySeconds * 1e9));
        ObjectNode details = Json.object();
        details.put("resource", task.resource());
        details.put("error", e.error());
        if (e.cause() != null) {
            details.put("cause", e.cause());
        }
        details.put("retrierIndex", index);
        ArrayNode errorEquals = details.putArray("errorEquals");
        retrier.errorEquals().forEach(errorEquals::add);
        details.put("attempt", attempt);
        details.put("maxAttempts", retrier.maxAttempts());
        details.put("retryCount", stateRetryCount);
        details.put("delaySeconds", delaySeconds);
        details.put("scaledDelayMillis", runner.scale(delay).toMillis());
        record(HistoryEventType.TaskRetryScheduled, task.name(), details);
        pause(delay);
    }

    /** Calls the handler, recording TaskScheduled, TaskStarted and the outcome. */
    private JsonNode invoke(States.Task task, JsonNode effective, Integer timeoutSeconds) throws InterruptedException {
        recordScheduled(task, effective, timeoutSeconds, null);
        long startedNanos = System.nanoTime();
        Long taskDeadline = timeoutSeconds == null ? null : startedNanos + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        Long executionLeft = remainingNanos();
        Long executionDeadline = executionLeft == null ? null : startedNanos + executionLeft;
        Call call = callHandler(task, effective, taskDeadline, executionDeadline);
        if (call.timedOut()) {
            throw taskTimedOut(task, false, timeoutSeconds, null);
        }
        Failure failure = failureOf(call.failure());
        JsonNode result = call.result();
        if (failure == null) {
            result = result == null || result.isMissingNode() ? Json.NODES.nullNode() : result.deepCopy();
            failure = checkResultSize(task, result);
            if (failure == null) {
                ObjectNode succeeded = taskDetails(task);
                succeeded.set("output", result);
                succeeded.set("outputDetails", truncated());
                record(HistoryEventType.TaskSucceeded, task.name(), succeeded);
                return result;
            }
        }
        throw taskFailed(task, failure.error(), failure.cause());
    }

    /**
     * A callback Task ({@code .waitForTaskToken}): calls the handler as AWS invokes the integrated service, ignores what
     * it returns (only an error counts: it fails the task), records TaskSubmitted, then waits for the token. The task's
     * result is the output sent with SendTaskSuccess. TimeoutSeconds counts from TaskStarted, the heartbeat too.
     */
    private JsonNode callback(
            States.Task task, JsonNode effective, CallbackWait wait, Integer timeoutSeconds, Integer heartbeatSeconds)
            throws InterruptedException {
        recordScheduled(task, effective, timeoutSeconds, heartbeatSeconds);
        long startedNanos = System.nanoTime();
        wait.startClocks();
        Long taskDeadline = timeoutSeconds == null ? null : startedNanos + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        Long executionLeft = remainingNanos();
        Long executionDeadline = executionLeft == null ? null : startedNanos + executionLeft;
        Long heartbeatNanos = heartbeatSeconds == null ? null : TimeUnit.SECONDS.toNanos(heartbeatSeconds);

        Call call = callHandler(task, effective, taskDeadline, executionDeadline);
        if (call.timedOut()) {
            wait.complete(new CallbackWait.TimedOut(false));
        } else if (call.failure() != null) {
            Failure failure = failureOf(call.failure());
            // the first outcome wins: a token already answered while the invocation ran keeps its answer
            wait.complete(CallbackWait.Outcome.failure(failure.error(), failure.cause()));
        } else {
            JsonNode submitted = call.result() == null || call.result().isMissingNode()
                    ? Json.NODES.nullNode()
                    : call.result().deepCopy();
            ObjectNode details = taskDetails(task);
            details.set("output", submitted);
            details.set("outputDetails", truncated());
            record(HistoryEventType.TaskSubmitted, task.name(), details);
        }

        CallbackWait.Outcome outcome = wait.await(taskDeadline, executionDeadline, heartbeatNanos);
        return switch (outcome) {
            case CallbackWait.Success success -> {
                JsonNode result = success.output();
                Failure tooLarge = checkResultSize(task, result);
                if (tooLarge != null) {
                    throw taskFailed(task, tooLarge.error(), tooLarge.cause());
                }
                ObjectNode succeeded = taskDetails(task);
                succeeded.set("output", result);
                succeeded.set("outputDetails", truncated());
                record(HistoryEventType.TaskSucceeded, task.name(), succeeded);
                yield result;
            }
            case CallbackWait.Failure failure -> throw taskFailed(task, failure.error(), failure.cause());
            case CallbackWait.TimedOut timedOut ->
                throw taskTimedOut(task, timedOut.heartbeat(), timeoutSeconds, heartbeatSeconds);
            case CallbackWait.ExecutionDeadline deadline -> throw new ExecutionTimedOut();
        };
    }

    private void recordScheduled(
            States.Task task, JsonNode effective, Integer timeoutSeconds, Integer heartbeatSeconds) {
        ObjectNode scheduled = taskDetails(task);
        scheduled.put("region", region(task.resource()));
        scheduled.set("parameters", effective);
        if (timeoutSeconds != null) {
            scheduled.put("timeoutInSeconds", timeoutSeconds);
        }
        if (heartbeatSeconds != null) {
            scheduled.put("heartbeatInSeconds", heartbeatSeconds);
        }
        record(HistoryEventType.TaskScheduled, task.name(), scheduled);
        record(HistoryEventType.TaskStarted, task.name(), taskDetails(task));
    }

    /** What the handler did: a result, a failure, or nothing before a deadline ({@code timedOut}). */
    private record Call(JsonNode result, Throwable failure, boolean timedOut) {}

    /** An error name and cause that fail a task. */
    private record Failure(String error, String cause) {}

    /**
     * Calls the handler; with a deadline, on a virtual thread that is interrupted when the deadline passes.
     *
     * @throws ExecutionTimedOut when the execution's deadline comes first
     */
    private Call callHandler(States.Task task, JsonNode effective, Long taskDeadline, Long executionDeadline)
            throws InterruptedException {
        JsonNode handlerInput = effective.deepCopy();
        if (taskDeadline == null && executionDeadline == null) {
            try {
                return new Call(runner.taskHandler.invoke(task.resource(), handlerInput), null, false);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                return new Call(null, e, false);
            }
        }
        boolean executionBound =
                executionDeadline != null && (taskDeadline == null || executionDeadline - taskDeadline < 0);
        long limit = (executionBound ? executionDeadline : taskDeadline) - System.nanoTime();
        FutureTask<JsonNode> call = new FutureTask<>(() -> runner.taskHandler.invoke(task.resource(), handlerInput));
        Thread.ofVirtual().name("asl-task-" + name + "-" + task.name()).start(call);
        try {
            return new Call(call.get(Math.max(limit, 0), TimeUnit.NANOSECONDS), null, false);
        } catch (ExecutionException e) {
            return new Call(null, e.getCause(), false);
        } catch (TimeoutException e) {
            call.cancel(true);
            if (executionBound) {
                throw new ExecutionTimedOut();
            }
            return new Call(null, null, true);
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        }
    }

    private static Failure failureOf(Throwable failure) {
        if (failure == null) {
            return null;
        }
        if (failure instanceof TaskFailedException taskFailed) {
            return new Failure(taskFailed.error(), taskFailed.cause());
        }
        return new Failure(failure.getClass().getName(), lambdaStyleCause(failure));
    }

    private static Failure checkResultSize(States.Task task, JsonNode result) {
        if (Json.sizeInBytes(result) <= Json.MAX_PAYLOAD_BYTES) {
            return null;
        }
        return new Failure(
                ErrorNames.DATA_LIMIT_EXCEEDED,
                "The state/task '" + task.name() + "' returned a result with a size exceeding the maximum number of"
                        + " bytes service limit (" + Json.MAX_PAYLOAD_BYTES + ").");
    }

    /** Records TaskFailed and returns the error to throw. */
    private StateError taskFailed(States.Task task, String error, String cause) {
        ObjectNode failed = taskDetails(task);
        if (error != null) {
            failed.put("error", error);
        }
        if (cause != null) {
            failed.put("cause", truncate(cause));
        }
        record(HistoryEventType.TaskFailed, task.name(), failed);
        return new StateError(error, cause == null ? null : truncate(cause));
    }

    /** Records TaskTimedOut and returns the error to throw: States.Timeout, or States.HeartbeatTimeout. */
    private StateError taskTimedOut(
            States.Task task, boolean heartbeat, Integer timeoutSeconds, Integer heartbeatSeconds) {
        String error = heartbeat ? ErrorNames.HEARTBEAT_TIMEOUT : ErrorNames.TIMEOUT;
        String cause = heartbeat
                ? "The task sent no heartbeat within its HeartbeatSeconds (" + heartbeatSeconds + " s)."
                : "The task did not complete within its TimeoutSeconds (" + timeoutSeconds + " s).";
        ObjectNode timedOut = taskDetails(task);
        timedOut.put("error", error);
        timedOut.put("cause", cause);
        record(HistoryEventType.TaskTimedOut, task.name(), timedOut);
        return new StateError(error, cause);
    }

    /** What Lambda reports for an unhandled Java exception: its message, type and stack as a JSON text. */
    private static String lambdaStyleCause(Throwable failure) {
        ObjectNode cause = Json.object();
        cause.put("errorMessage", failure.getMessage());
        cause.put("errorType", failure.getClass().getName());
        ArrayNode stack = cause.putArray("stackTrace");
        for (StackTraceElement element : failure.getStackTrace()) {
            stack.add(element.toString());
        }
        return Json.compact(cause);
    }

    private static String truncate(String cause) {
        return cause.length() <= MAX_CAUSE_LENGTH ? cause : cause.substring(0, MAX_CAUSE_LENGTH);
    }

    /** The region of the resource's ARN, else of the state machine's. */
    private String region(String resource) {
        String[] arn = resource.split(":", -1);
        if (arn.length >= 6 && "arn".equals(arn[0]) && !arn[3].isEmpty()) {
            return arn[3];
        }
        return runner.stateMachineArn.split(":", -1)[3];
    }

    private static ObjectNode taskDetails(States.Task task) {
        ObjectNode details = Json.object();
        String[] arn = task.resource().split(":", -1);
        if (arn.length >= 6 && "arn".equals(arn[0])) {
            boolean serviceIntegration = "states".equals(arn[2]) && arn[3].isEmpty() && arn[4].isEmpty();
            details.put("resourceType", serviceIntegration ? arn[5] : arn[2]);
        }
        details.put("resource", task.resource());
        return details;
    }

    // ---------------------------------------------------------------- time

    /** The execution's elapsed time: real time outside waits plus the unscaled length of each wait. */
    private long elapsedNanos() {
        return System.nanoTime() - startNanos - sleptRealNanos + sleptVirtualNanos;
    }

    private Long remainingNanos() {
        if (timeoutNanos == null) {
            return null;
        }
        long left = timeoutNanos - elapsedNanos();
        if (left <= 0) {
            throw new ExecutionTimedOut();
        }
        return left;
    }

    private void checkTimeout() {
        remainingNanos();
    }

    /** Waits {@code unscaled} (scaled by timeScale), or until the execution times out if that comes first. */
    private void pause(Duration unscaled) throws InterruptedException {
        if (unscaled.isNegative() || unscaled.isZero()) {
            return;
        }
        Long left = remainingNanos();
        long wanted = unscaled.toNanos();
        boolean timesOut = left != null && wanted >= left;
        long virtual = timesOut ? left : wanted;
        Duration scaled = runner.scale(Duration.ofNanos(virtual));
        if (!scaled.isZero()) {
            long before = System.nanoTime();
            try {
                runner.sleeper.sleep(scaled);
            } finally {
                sleptRealNanos += System.nanoTime() - before;
            }
        }
        sleptVirtualNanos += virtual;
        if (timesOut) {
            throw new ExecutionTimedOut();
        }
    }

    // ---------------------------------------------------------------- data

    private Scope scope(JsonNode data) {
        return new Scope(data, contextObject(), runner::nextUuid);
    }

    /** The context object, as https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html */
    private JsonNode contextObject() {
        ObjectNode context = Json.object();
        ObjectNode execution = context.putObject("Execution");
        execution.put("Id", executionArn);
        execution.set("Input", input);
        execution.put("Name", name);
        execution.put("StartTime", Timestamps.format(startTime));
        execution.put("RedriveCount", 0);
        ObjectNode state = context.putObject("State");
        state.put("EnteredTime", Timestamps.format(stateEnteredTime));
        state.put("Name", stateName);
        state.put("RetryCount", stateRetryCount);
        if (taskToken != null) {
            context.putObject("Task").put("Token", taskToken);
        }
        ObjectNode stateMachine = context.putObject("StateMachine");
        stateMachine.put("Id", runner.stateMachineArn);
        stateMachine.put("Name", runner.stateMachineName);
        return context;
    }

    private void checkSize(JsonNode data, String what) {
        if (Json.sizeInBytes(data) > Json.MAX_PAYLOAD_BYTES) {
            throw new StateError(
                    ErrorNames.DATA_LIMIT_EXCEEDED,
                    "The state '" + stateName + "' " + what
                            + " has a size exceeding the maximum number of bytes service limit ("
                            + Json.MAX_PAYLOAD_BYTES + ").");
        }
    }

    private void exit(State state, JsonNode output) {
        checkSize(output, "output");
        ObjectNode exited = Json.object();
        exited.put("name", state.name());
        exited.set("output", output);
        exited.set("outputDetails", truncated());
        record(HistoryEventType.valueOf(state.type() + "StateExited"), state.name(), exited);
    }

    private static ObjectNode truncated() {
        ObjectNode details = Json.object();
        details.put("truncated", false);
        return details;
    }

    // ---------------------------------------------------------------- outcomes

    private ExecutionResult succeeded(JsonNode output) {
        ObjectNode details = Json.object();
        details.set("output", output);
        details.set("outputDetails", truncated());
        record(HistoryEventType.ExecutionSucceeded, null, details);
        return new ExecutionResult(name, ExecutionStatus.SUCCEEDED, output, null, null, history);
    }

    private ExecutionResult failed(String error, String cause) {
        record(HistoryEventType.ExecutionFailed, null, errorDetails(error, cause));
        return new ExecutionResult(name, ExecutionStatus.FAILED, null, error, cause, history);
    }

    private ExecutionResult timedOut() {
        String cause = "The execution ran longer than its TimeoutSeconds ("
                + runner.definition.timeoutSeconds().getAsInt()
                + " s).";
        record(HistoryEventType.ExecutionTimedOut, null, errorDetails(ErrorNames.TIMEOUT, cause));
        return new ExecutionResult(name, ExecutionStatus.TIMED_OUT, null, ErrorNames.TIMEOUT, cause, history);
    }

    private ExecutionResult aborted() {
        String cause = "The thread running the execution was interrupted.";
        record(HistoryEventType.ExecutionAborted, null, errorDetails(null, cause));
        return new ExecutionResult(name, ExecutionStatus.ABORTED, null, null, cause, history);
    }

    private static ObjectNode errorDetails(String error, String cause) {
        ObjectNode details = Json.object();
        if (error != null) {
            details.put("error", error);
        }
        if (cause != null) {
            details.put("cause", cause);
        }
        return details;
    }

    private long record(HistoryEventType type, String state, ObjectNode details) {
        long id = ++lastEventId;
        HistoryEvent event = new HistoryEvent(id, id - 1, runner.clock.instant(), type, state, details);
        history.add(event);
        try {
            runner.listener.onEvent(name, event);
        } catch (RuntimeException e) {
            if (!listenerFailed) {
                listenerFailed = true;
                LOG.log(
                        System.Logger.Level.WARNING,
                        "history listener failed on event " + id + " of execution " + name
                                + "; later failures of this execution are logged at DEBUG",
                        e);
            } else {
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "history listener failed on event " + id + " of execution " + name,
                        e);
            }
        }
        return id;
    }
}
