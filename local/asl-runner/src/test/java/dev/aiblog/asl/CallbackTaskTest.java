package dev.aiblog.asl;

import static dev.aiblog.asl.Asl.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Callback Tasks ({@code .waitForTaskToken}): the token, SendTaskSuccess/Failure/Heartbeat, timeouts, history. */
class CallbackTaskTest {

    private static final String RESOURCE = "arn:aws:states:::lambda:invoke.waitForTaskToken";

    /** A callback Task "Review" whose Lambda gets the token, then "Done" (a Pass) and "Recover" (a Pass). */
    private static StateMachineDefinition review(String reviewFields, String topLevel) {
        return StateMachineDefinition.parse("""
        {%s "StartAt": "Review", "States": {
          "Review": {"Type": "Task", "Resource": "%s",
            "Parameters": {"FunctionName": "review", "Payload": {"draft.$": "$.draft", "taskToken.$": "$$.Task.Token",
                           "retryCount.$": "$$.State.RetryCount"}},
            "ResultPath": "$.review", "Next": "Done" %s},
          "Done": {"Type": "Pass", "Parameters": {"draft.$": "$.draft", "decision.$": "$.review.decision"}, "End": true},
          "Recover": {"Type": "Pass", "End": true}}}
        """.formatted(topLevel, RESOURCE, reviewFields));
    }

    /** Runs executions on virtual threads, as the local runtime does, and hands out the tokens its Lambda receives. */
    private static final class Harness {
        final BlockingQueue<JsonNode> invocations = new LinkedBlockingQueue<>();
        final Asl.RecordingSleeper sleeper = new Asl.RecordingSleeper();
        final StateMachineRunner runner;
        volatile TaskHandler behaviour = (resource, input) -> json("{\"StatusCode\": 202}");

        Harness(StateMachineDefinition definition) {
            runner = StateMachineRunner.builder()
                    .definition(definition)
                    .sleeper(sleeper)
                    .taskHandler((resource, input) -> {
                        invocations.add(input);
                        return behaviour.invoke(resource, input);
                    })
                    .build();
        }

        CompletableFuture<ExecutionResult> start(String name, String input) {
            CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> result.complete(runner.run(name, json(input))));
            return result;
        }

        /** The token of the next invocation, once its task is waiting. */
        String nextToken() throws InterruptedException {
            JsonNode input = invocations.poll(10, TimeUnit.SECONDS);
            assertThat(input).as("the callback Task's Lambda was invoked").isNotNull();
            return input.path("Payload").path("taskToken").asText();
        }

        TaskTokens tokens() {
            return runner.taskTokens();
        }
    }

    private static ExecutionResult await(CompletableFuture<ExecutionResult> result) throws Exception {
        return result.get(20, TimeUnit.SECONDS);
    }

    private static List<HistoryEventType> taskEvents(ExecutionResult result) {
        return result.history().stream()
                .map(HistoryEvent::type)
                .filter(t -> t.name().startsWith("Task") && !t.name().startsWith("TaskState"))
                .toList();
    }

    @Test
    void sendTaskSuccess_outputIsTheTaskResult_andTheNextStateReadsItThroughResultPath() throws Exception {
        Harness harness = new Harness(review("", ""));
        CompletableFuture<ExecutionResult> running = harness.start("draft-1", "{\"draft\": \"d-1\"}");

        String token = harness.nextToken();
        harness.tokens().sendTaskSuccess(token, "{\"decision\": \"APPROVE\", \"editor\": \"ed\"}");
        ExecutionResult result = await(running);

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output()).isEqualTo(json("{\"draft\": \"d-1\", \"decision\": \"APPROVE\"}"));
        assertThat(taskEvents(result))
                .containsExactly(
                        HistoryEventType.TaskScheduled,
                        HistoryEventType.TaskStarted,
                        HistoryEventType.TaskSubmitted,
                        HistoryEventType.TaskSucceeded);
        HistoryEvent scheduled =
                Asl.events(result, HistoryEventType.TaskScheduled).getFirst();
        assertThat(scheduled
                        .details()
                        .path("parameters")
                        .path("Payload")
                        .path("taskToken")
                        .asText())
                .isEqualTo(token);
        assertThat(scheduled.details().path("resourceType").asText()).isEqualTo("lambda");
        // the Lambda's own response is recorded on TaskSubmitted, never used as the result
        assertThat(Asl.events(result, HistoryEventType.TaskSubmitted)
                        .getFirst()
                        .details()
                        .path("output"))
                .isEqualTo(json("{\"StatusCode\": 202}"));
        assertThat(Asl.events(result, HistoryEventType.TaskSucceeded)
                        .getFirst()
                        .details()
                        .path("output"))
                .isEqualTo(json("{\"decision\": \"APPROVE\", \"editor\": \"ed\"}"));
        assertThat(harness.tokens().openCount()).isZero();
    }

    @Test
    void theToken_isFreshOpaqueBase64_andNamesItsExecution() throws Exception {
        Harness harness = new Harness(review("", ""));
        CompletableFuture<ExecutionResult> first = harness.start("draft-1", "{\"draft\": \"d-1\"}");
        String token1 = harness.nextToken();
        CompletableFuture<ExecutionResult> second = harness.start("draft-2", "{\"draft\": \"d-2\"}");
        String token2 = harness.nextToken();

        assertThat(token1).isNotEqualTo(token2).hasSizeGreaterThan(100).matches("[A-Za-z0-9+/]+=*");
        assertThat(TaskTokens.executionArnOf(token1))
                .contains("arn:aws:states:us-east-1:123456789012:execution:StateMachine:draft-1");
        assertThat(TaskTokens.executionArnOf("not a token")).isEmpty();
        harness.tokens().sendTaskSuccess(token1, "{\"decision\": \"A\"}");
        harness.tokens().sendTaskSuccess(token2, "{\"decision\": \"B\"}");
        assertThat(await(first).output().path("decision").asText()).isEqualTo("A");
        assertThat(await(second).output().path("decision").asText()).isEqualTo("B");
    }

    @Test
    void sendTaskFailure_isCaughtByCatch_withItsErrorAndCause() throws Exception {
        Harness harness = new Harness(review(
                ", \"Catch\": [{\"ErrorEquals\": [\"Review.Rejected\"], \"ResultPath\": \"$.error\", \"Next\": \"Recover\"}]",
                ""));
        CompletableFuture<ExecutionResult> running = harness.start("draft-1", "{\"draft\": \"d-1\"}");

        harness.tokens().sendTaskFailure(harness.nextToken(), "Review.Rejected", "off topic");
        ExecutionResult result = await(running);

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output())
                .isEqualTo(json(
                        "{\"draft\": \"d-1\", \"error\": {\"Error\": \"Review.Rejected\", \"Cause\": \"off topic\"}}"));
        HistoryEvent failed = Asl.events(result, HistoryEventType.TaskFailed).getFirst();
        assertThat(failed.details().path("error").asText()).isEqualTo("Review.Rejected");
        assertThat(failed.details().path("cause").asText()).isEqualTo("off topic");
    }

    @Test
    void timeoutSeconds_failsTheTaskWithStatesTimeout_whichCatchSees_andTheTokenIsThenTimedOut() throws Exception {
        Harness harness = new Harness(review(
                ", \"TimeoutSeconds\": 1, \"Catch\": [{\"ErrorEquals\": [\"States.TaskFailed\"], \"Next\": \"Done\"},"
                        + " {\"ErrorEquals\": [\"States.Timeout\"], \"ResultPath\": \"$.timeout\", \"Next\": \"Recover\"}]",
                ""));
        long start = System.nanoTime();
        CompletableFuture<ExecutionResult> running = harness.start("draft-1", "{\"draft\": \"d-1\"}");
        String token = harness.nextToken();

        ExecutionResult result = await(running);

        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofMillis(900), Duration.ofSeconds(8));
        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output().path("timeout").path("Error").asText()).isEqualTo("States.Timeout");
        assertThat(taskEvents(result)).endsWith(HistoryEventType.TaskSubmitted, HistoryEventType.TaskTimedOut);
        TaskTokenException late = catchThrowableOfType(
                TaskTokenException.class, () -> harness.tokens().sendTaskSuccess(token, "{}"));
        assertThat(late.code()).isEqualTo(TaskTokenException.Code.TaskTimedOut);
    }

    @Test
    void heartbeatSeconds_withoutHeartbeats_failsWithStatesHeartbeatTimeout() throws Exception {
        Harness harness = new Harness(review(
                ", \"TimeoutSeconds\": 60, \"HeartbeatSeconds\": 1, \"Catch\": [{\"ErrorEquals\":"
                        + " [\"States.HeartbeatTimeout\"], \"ResultPath\": \"$.timeout\", \"Next\": \"Recover\"}]",
                ""));
        CompletableFuture<ExecutionResult> running = harness.start("draft-1", "{\"draft\": \"d-1\"}");
        harness.nextToken();

        ExecutionResult result = await(running);

        assertThat(result.output().path("timeout").path("Error").asText()).isEqualTo("States.HeartbeatTimeout");
        HistoryEvent timedOut =
                Asl.events(result, HistoryEventType.TaskTimedOut).getFirst();
        assertThat(timedOut.details().path("error").asText()).isEqualTo("States.HeartbeatTimeout");
        assertThat(Asl.events(result, HistoryEventType.TaskScheduled)
                        .getFirst()
                        .details()
                        .path("heartbeatInSeconds")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void heartbeats_keepTheTaskAlivePastHeartbeatSeconds_untilSuccess() throws Exception {
        Harness harness = new Harness(review(", \"TimeoutSeconds\": 60, \"HeartbeatSeconds\": 1", ""));
        CompletableFuture<ExecutionResult> running = harness.start("draft-1", "{\"draft\": \"d-1\"}");
        String token = harness.nextToken();

        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2_500);
        while (System.nanoTime() < until) {
            harness.tokens().sendTaskHeartbeat(token);
            Thread.sleep(200);
        }
        assertThat(running).isNotDone();
        harness.tokens().sendTaskSuccess(token, "{\"decision\": \"APPROVE\"}");

        assertThat(await(running).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void timeoutSecondsPath_andHeartbeatSecondsPath_comeFromTheInput() throws Exception {
        Harness harness = new Harness(review(
                ", \"TimeoutSecondsPath\": \"$.limits.timeout\", \"HeartbeatSecondsPath\": \"$.limits.heartbeat\"",
                ""));
        CompletableFuture<ExecutionResult> running =
                harness.start("draft-1", "{\"draft\": \"d-1\", \"limits\": {\"timeout\": 2, \"heartbeat\": 1}}");
        CompletableFuture<ExecutionResult> invalid =
                harness.start("draft-2", "{\"draft\": \"d-2\", \"limits\": {\"timeout\": 100, \"heartbeat\": 100}}");

        ExecutionResult timedOut = await(running);
        ExecutionResult refused = await(invalid);

        assertThat(timedOut.error()).as(timedOut.cause()).isEqualTo("States.HeartbeatTimeout");
        HistoryEvent scheduled =
                Asl.events(timedOut, HistoryEventType.TaskScheduled).getFirst();
        assertThat(scheduled.details().path("timeoutInSeconds").asInt()).isEqualTo(2);
        assertThat(scheduled.details().path("heartbeatInSeconds").asInt()).isEqualTo(1);
        assertThat(refused.error()).isEqualTo("States.Runtime");
        assertThat(refused.cause()).contains("HeartbeatSeconds (100) must be smaller than the TimeoutSeconds (100)");
    }

    @Test
    void theExecutionsTimeoutSeconds_stillApplies() throws Exception {
        Harness harness = new Harness(review("", "\"TimeoutSeconds\": 1,"));
        CompletableFuture<ExecutionResult> running = harness.start("draft-1", "{\"draft\": \"d-1\"}");
        String token = harness.nextToken();

        ExecutionResult result = await(running);

        assertThat(result.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(catchThrowableOfType(
                                TaskTokenException.class, () -> harness.tokens().sendTaskHeartbeat(token))
                        .code())
                .isEqualTo(TaskTokenException.Code.TaskTimedOut);
    }

    @Test
    void tokenErrors_asStepFunctionsNamesThem() throws Exception {
        Harness harness = new Harness(review("", ""));
        CompletableFuture<ExecutionResult> running = harness.start("draft-1", "{\"draft\": \"d-1\"}");
        String token = harness.nextToken();
        String foreign = new TaskTokens()
                .open("arn:aws:states:us-east-1:123456789012:execution:StateMachine:other", "Review")
                .token();
        TaskTokens tokens = harness.tokens();

        assertThat(code(() -> tokens.sendTaskSuccess("not-a-token", "{}")))
                .isEqualTo(TaskTokenException.Code.InvalidToken);
        assertThat(code(() -> tokens.sendTaskSuccess("", "{}"))).isEqualTo(TaskTokenException.Code.InvalidToken);
        assertThat(code(() -> tokens.sendTaskHeartbeat("QUJD"))).isEqualTo(TaskTokenException.Code.InvalidToken);
        assertThat(code(() -> tokens.sendTaskFailure(foreign, "E", "c")))
                .isEqualTo(TaskTokenException.Code.TaskDoesNotExist);
        assertThat(code(() -> tokens.sendTaskSuccess(token, "{not json")))
                .isEqualTo(TaskTokenException.Code.InvalidOutput);
        // an invalid output leaves the task open
        tokens.sendTaskSuccess(token, "\"APPROVE\"");
        assertThat(code(() -> tokens.sendTaskSuccess(token, "{}"))).isEqualTo(TaskTokenException.Code.TaskTimedOut);
        assertThat(code(() -> tokens.sendTaskFailure(token, "E", "c"))).isEqualTo(TaskTokenException.Code.TaskTimedOut);
        assertThat(await(running).status()).isEqualTo(ExecutionStatus.FAILED); // "APPROVE" has no .decision
    }

    @Test
    void aRetriedAttempt_getsANewToken_andTheOldOneIsDead() throws Exception {
        Harness harness = new Harness(review(
                ", \"Retry\": [{\"ErrorEquals\": [\"Review.Expired\"], \"IntervalSeconds\": 5, \"MaxAttempts\": 1}]",
                ""));
        CompletableFuture<ExecutionResult> running = harness.start("draft-1", "{\"draft\": \"d-1\"}");
        String first = harness.nextToken();
        harness.tokens().sendTaskFailure(first, "Review.Expired", null);

        JsonNode retried = harness.invocations.poll(10, TimeUnit.SECONDS);
        String second = retried.path("Payload").path("taskToken").asText();
        TaskTokenException old = catchThrowableOfType(
                TaskTokenException.class, () -> harness.tokens().sendTaskSuccess(first, "{\"decision\": \"X\"}"));
        harness.tokens().sendTaskSuccess(second, "{\"decision\": \"APPROVE\"}");
        ExecutionResult result = await(running);

        assertThat(second).isNotEqualTo(first);
        assertThat(retried.path("Payload").path("retryCount").asInt()).isEqualTo(1);
        assertThat(old.code()).isEqualTo(TaskTokenException.Code.TaskTimedOut);
        assertThat(result.output().path("decision").asText()).isEqualTo("APPROVE");
        assertThat(harness.sleeper.seconds()).containsExactly(5.0);
    }

    @Test
    void anInvocationError_failsTheTask_andClosesItsToken() throws Exception {
        Harness harness = new Harness(
                review(", \"Catch\": [{\"ErrorEquals\": [\"Lambda.ServiceException\"], \"Next\": \"Recover\"}]", ""));
        harness.behaviour = (resource, input) -> {
            throw new TaskFailedException("Lambda.ServiceException", "unavailable");
        };
        CompletableFuture<ExecutionResult> running = harness.start("draft-1", "{\"draft\": \"d-1\"}");
        String token = harness.nextToken();

        ExecutionResult result = await(running);

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(taskEvents(result))
                .containsExactly(
                        HistoryEventType.TaskScheduled, HistoryEventType.TaskStarted, HistoryEventType.TaskFailed);
        assertThat(code(() -> harness.tokens().sendTaskSuccess(token, "{}")))
                .isEqualTo(TaskTokenException.Code.TaskTimedOut);
    }

    @Test
    void aTokenAnsweredWhileItsLambdaRuns_isKept() throws Exception {
        Harness harness = new Harness(review("", ""));
        AtomicReference<TaskTokens> tokens = new AtomicReference<>();
        harness.behaviour = (resource, input) -> {
            try {
                tokens.get()
                        .sendTaskSuccess(input.path("Payload").path("taskToken").asText(), "{\"decision\": \"NOW\"}");
            } catch (TaskTokenException e) {
                throw new IllegalStateException(e);
            }
            return null;
        };
        tokens.set(harness.tokens());

        ExecutionResult result = await(harness.start("draft-1", "{\"draft\": \"d-1\"}"));

        assertThat(result.output().path("decision").asText()).isEqualTo("NOW");
    }

    @Test
    void interruptingTheExecution_abortsIt_andClosesItsToken() throws Exception {
        Harness harness = new Harness(review("", ""));
        AtomicReference<Thread> thread = new AtomicReference<>();
        CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
        thread.set(Thread.ofVirtual()
                .start(() -> result.complete(harness.runner.run("draft-1", json("{\"draft\": \"d\"}")))));
        String token = harness.nextToken();

        thread.get().interrupt();

        assertThat(await(result).status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(harness.tokens().openCount()).isZero();
        assertThat(code(() -> harness.tokens().sendTaskSuccess(token, "{}")))
                .isEqualTo(TaskTokenException.Code.TaskTimedOut);
    }

    @Test
    void hundredsOfWaitingTasks_holdNoPlatformThread() throws Exception {
        Harness harness = new Harness(review("", ""));
        int platformBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        List<CompletableFuture<ExecutionResult>> running = new ArrayList<>();
        List<String> tokens = new ArrayList<>();

        for (int i = 0; i < 300; i++) {
            running.add(harness.start("draft-" + i, "{\"draft\": \"d\"}"));
        }
        for (int i = 0; i < 300; i++) {
            tokens.add(harness.nextToken());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (harness.tokens().openCount() < 300 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        int platformWhileWaiting = ManagementFactory.getThreadMXBean().getThreadCount();
        for (String token : tokens) {
            harness.tokens().sendTaskSuccess(token, "{\"decision\": \"APPROVE\"}");
        }

        // virtual threads parked on a token are not platform threads; the carriers are at most one per core
        assertThat(platformWhileWaiting - platformBefore)
                .isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors() + 2);
        for (CompletableFuture<ExecutionResult> result : running) {
            assertThat(await(result).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        }
        assertThat(harness.tokens().openCount()).isZero();
    }

    @Test
    void definitionsAreCheckedAsStepFunctionsChecksThem() {
        assertThatThrownBy(() -> review(", \"TimeoutSeconds\": 10, \"HeartbeatSeconds\": 10", ""))
                .isInstanceOf(AslValidationException.class)
                .hasMessageContaining("'HeartbeatSeconds' (10) must be smaller than 'TimeoutSeconds' (10)");
        assertThatThrownBy(() -> review(", \"TimeoutSeconds\": 10, \"TimeoutSecondsPath\": \"$.t\"", ""))
                .hasMessageContaining("mutually exclusive");
        assertThatThrownBy(() -> Asl.single(
                        "{\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:1:function:f.waitForTaskToken\","
                                + " \"End\": true}"))
                .hasMessageContaining("only valid on a service integration");
        assertThatThrownBy(
                        () -> Asl.single(
                                "{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::states:startExecution.sync\", \"End\": true}"))
                .hasMessageContaining(".sync");
        assertThatThrownBy(() -> Asl.single(
                        "{\"Type\": \"Task\", \"Resource\": \"r\", \"HeartbeatSecondsPath\": \"$.h\", \"End\": true}"))
                .hasMessageContaining("only on a callback Task");
    }

    @Test
    void taskTokenIsOnlyInTheContextOfACallbackTask() {
        ExecutionResult result = Asl.run(
                Asl.single("{\"Type\": \"Task\", \"Resource\": \"r\", \"Parameters\": {\"t.$\": \"$$.Task.Token\"},"
                        + " \"End\": true}"),
                (resource, input) -> input,
                "{}");

        assertThat(result.error()).isEqualTo("States.Runtime");
    }

    @Test
    void statesTimeoutInErrorEquals_alsoMatchesAHeartbeatTimeout_andTaskFailedMatchesNeither() {
        assertThat(ErrorNames.matches("States.Timeout", "States.HeartbeatTimeout"))
                .isTrue();
        assertThat(ErrorNames.matches("States.HeartbeatTimeout", "States.Timeout"))
                .isFalse();
        assertThat(ErrorNames.matches("States.TaskFailed", "States.HeartbeatTimeout"))
                .isFalse();
        assertThat(ErrorNames.matches("States.ALL", "States.HeartbeatTimeout")).isTrue();
    }

    private interface Send {
        void run() throws TaskTokenException;
    }

    private static TaskTokenException.Code code(Send send) {
        try {
            send.run();
        } catch (TaskTokenException e) {
            return e.code();
        }
        throw new AssertionError("expected a TaskTokenException");
    }
}
