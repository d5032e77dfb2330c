package dev.aiblog.functions.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.aiblog.aws.store.DynamoDbRequests;
import dev.aiblog.core.Json;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.PostOptions;
import dev.aiblog.core.model.Status;
import dev.aiblog.core.steps.ExecutionInput;
import dev.aiblog.local.emulators.TemplateResources;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The dispatcher fed by ElasticMQ the way the event source mapping feeds it, with Step Functions captured. */
class DispatchElasticMqTest {
    static StepFunctionsDouble sfn;
    static DispatchHandler handler;
    static EventSourceMapping queue;
    static EventSourceMapping deadLetters;
    static DynamoDbRequests requests;

    @BeforeAll
    static void start() throws Exception {
        sfn = StepFunctionsDouble.start();
        var settings = TestAws.settings(sfn.endpoint());
        handler = new DispatchHandler(settings);
        requests = new DynamoDbRequests(TestAws.aws().dynamoDb(), settings.requestsTable(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        sfn.close();
    }

    @BeforeEach
    void emptyQueues() {
        TestAws.aws().reset();
        sfn.clear();
        var resources = TestAws.aws().resources();
        queue = new EventSourceMapping(TestAws.aws().sqs(), resources.queueUrl("RequestsQueue"));
        deadLetters = new EventSourceMapping(TestAws.aws().sqs(), resources.queueUrl("RequestsDeadLetterQueue"));
    }

    @Test
    void startsOneExecution_whenTheSameMessageIsDeliveredThreeTimes() {
        ExecutionInput input = queued("Exactly-once starts");
        queue.send(Json.write(input));

        List<SQSBatchResponse> responses = new ArrayList<>();
        for (int delivery = 1; delivery <= 3; delivery++) {
            List<Message> batch = queue.receive(10);
            assertThat(batch).hasSize(1);
            assertThat(batch.getFirst().attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .isEqualTo(Integer.toString(delivery));
            responses.add(handler.handleRequest(queue.event(batch), null));
            queue.release(batch.getFirst()); // the delete never happened: the message comes back
        }

        assertThat(responses)
                .allSatisfy(r -> assertThat(r.getBatchItemFailures()).isEmpty());
        assertThat(sfn.calls())
                .hasSize(3)
                .allSatisfy(call -> assertThat(call.name()).isEqualTo(input.requestId()));
        assertThat(sfn.started()).singleElement().satisfies(call -> {
            assertThat(call.stateMachineArn()).isEqualTo(TestAws.STATE_MACHINE_ARN);
            assertThat(call.name()).isEqualTo(input.requestId());
            assertThat(Json.read(call.input(), ExecutionInput.class)).isEqualTo(input);
            assertThat(call.input()).isEqualTo(Json.write(input));
        });
        assertThat(requests.get(input.requestId()).status()).isEqualTo(Status.RUNNING);
    }

    @Test
    void startsTheExecutionsOfABatchConcurrently() {
        List<ExecutionInput> inputs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inputs.add(queued("Concurrent topic number " + i));
        }
        inputs.forEach(input -> queue.send(Json.write(input)));
        List<Message> batch = queue.receive(10);
        assertThat(batch).hasSize(5);
        sfn.answerOnlyWhenConcurrent(5);

        SQSBatchResponse response = handler.handleRequest(queue.event(batch), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(sfn.started())
                .extracting(StepFunctionsDouble.StartExecution::name)
                .containsExactlyInAnyOrderElementsOf(
                        inputs.stream().map(ExecutionInput::requestId).toList());
    }

    @Test
    void startsNineAndReportsOne_whenOneMessageOfTenIsPoison() {
        List<ExecutionInput> good = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            good.add(queued("Good topic number " + i));
        }
        good.subList(0, 4).forEach(input -> queue.send(Json.write(input)));
        queue.send("{\"requestId\": \"not a valid name!\", \"topic\": 42}");
        good.subList(4, 9).forEach(input -> queue.send(Json.write(input)));

        List<Message> batch = queue.receive(10);
        assertThat(batch).hasSize(10);
        SQSBatchResponse response = handler.handleRequest(queue.event(batch), null);
        queue.settle(batch, response);

        String poisonId = batch.stream()
                .filter(m -> m.body().contains("not a valid name"))
                .findFirst()
                .orElseThrow()
                .messageId();
        assertThat(response.getBatchItemFailures())
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(poisonId);
        assertThat(sfn.started())
                .extracting(StepFunctionsDouble.StartExecution::name)
                .containsExactlyInAnyOrderElementsOf(
                        good.stream().map(ExecutionInput::requestId).toList());
        assertThat(sfn.started())
                .allSatisfy(call -> assertThat(call.input())
                        .isEqualTo(Json.write(good.stream()
                                .filter(g -> g.requestId().equals(call.name()))
                                .findFirst()
                                .orElseThrow())));
        good.forEach(
                input -> assertThat(requests.get(input.requestId()).status()).isEqualTo(Status.RUNNING));
    }

    @Test
    void movesAPoisonMessageToTheDeadLetterQueue_afterTheReceiveLimit() {
        int maxReceiveCount = TestAws.aws().template().queues().stream()
                .filter(q -> q.logicalId().equals("RequestsQueue"))
                .findFirst()
                .orElseThrow()
                .redrive()
                .map(TemplateResources.Redrive::maxReceiveCount)
                .orElseThrow();
        queue.send("this is not JSON");

        int deliveries = 0;
        for (List<Message> batch = queue.receive(10);
                !batch.isEmpty() && deliveries <= maxReceiveCount;
                batch = queue.receive(10)) {
            deliveries++;
            SQSBatchResponse response = handler.handleRequest(queue.event(batch), null);
            assertThat(response.getBatchItemFailures()).hasSize(1);
            queue.settle(batch, response);
        }

        assertThat(deliveries).isEqualTo(maxReceiveCount);
        assertThat(deadLetters.receive(10))
                .singleElement()
                .satisfies(m -> assertThat(m.body()).isEqualTo("this is not JSON"));
        assertThat(queue.receive(10)).isEmpty();
        assertThat(sfn.calls()).isEmpty();
    }

    @Test
    void retriesOnlyTheMessageStepFunctionsThrottled() {
        ExecutionInput throttled = queued("Throttled topic");
        ExecutionInput fine = queued("Fine topic");
        sfn.throttle(throttled.requestId());
        queue.send(Json.write(throttled));
        queue.send(Json.write(fine));

        List<Message> batch = queue.receive(10);
        SQSBatchResponse response = handler.handleRequest(queue.event(batch), null);

        String throttledId = batch.stream()
                .filter(m -> m.body().contains(throttled.requestId()))
                .findFirst()
                .orElseThrow()
                .messageId();
        assertThat(response.getBatchItemFailures())
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(throttledId);
        assertThat(sfn.started())
                .extracting(StepFunctionsDouble.StartExecution::name)
                .containsExactly(fine.requestId());
        assertThat(requests.get(throttled.requestId()).status()).isEqualTo(Status.QUEUED);
    }

    @Test
    void startsNothing_whenALateDuplicateArrivesForARequestThatHasEnded() {
        ExecutionInput input = queued("Already ended");
        requests.markFailed(input.requestId(), "ProviderException", "failed earlier");
        queue.send(Json.write(input));

        SQSBatchResponse response = handler.handleRequest(queue.event(queue.receive(10)), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(sfn.calls()).isEmpty();
        assertThat(requests.get(input.requestId()).status()).isEqualTo(Status.FAILED);
    }

    @Test
    void endsQueuedRequestsRejectedAndStartsNothing_whenTheMonthsBudgetIsSpent() {
        var settings = new java.util.HashMap<>(TestAws.settings(sfn.endpoint()).asMap());
        settings.put("MONTHLY_BUDGET_USD", "0.05");
        DispatchHandler overBudget = new DispatchHandler(dev.aiblog.core.config.Settings.of(settings));
        var ledger = new dev.aiblog.aws.store.DynamoDbLedger(TestAws.aws().dynamoDb(), settings.get("LEDGER_TABLE"));
        ledger.record(
                "earlier-post", java.time.YearMonth.now(java.time.ZoneOffset.UTC), new java.math.BigDecimal("0.06"));
        ExecutionInput first = queued("Over budget one");
        ExecutionInput second = queued("Over budget two");
        queue.send(Json.write(first));
        queue.send(Json.write(second));

        SQSBatchResponse response = overBudget.handleRequest(queue.event(queue.receive(10)), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(sfn.calls()).isEmpty();
        for (ExecutionInput input : List.of(first, second)) {
            var request = requests.get(input.requestId());
            assertThat(request.status()).isEqualTo(Status.REJECTED);
            assertThat(request.reason()).contains("monthly budget of $0.05").contains("resets");
            assertThat(request.categories()).containsExactly("budget");
        }
    }

    @Test
    void startsExecutions_whileTheMonthsSpendIsBelowTheBudget() {
        var settings = new java.util.HashMap<>(TestAws.settings(sfn.endpoint()).asMap());
        settings.put("MONTHLY_BUDGET_USD", "5");
        DispatchHandler underBudget = new DispatchHandler(dev.aiblog.core.config.Settings.of(settings));
        ExecutionInput input = queued("Under budget");
        queue.send(Json.write(input));

        underBudget.handleRequest(queue.event(queue.receive(10)), null);

        assertThat(sfn.started())
                .extracting(StepFunctionsDouble.StartExecution::name)
                .containsExactly(input.requestId());
        assertThat(requests.get(input.requestId()).status()).isEqualTo(Status.RUNNING);
    }

    @Test
    void startsARetryAsANewExecutionNamedAfterTheRequestAndAttempt() {
        ExecutionInput first = queued("Retried after a failure");
        ExecutionInput retry = first.withAttempt(2);
        queue.send(Json.write(retry));

        handler.handleRequest(queue.event(queue.receive(10)), null);

        assertThat(sfn.started()).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo(first.requestId() + "-r2");
            assertThat(Json.read(call.input(), ExecutionInput.class)).isEqualTo(retry);
        });
        assertThat(requests.get(first.requestId()).status()).isEqualTo(Status.RUNNING);
    }

    private static ExecutionInput queued(String topic) {
        BlogRequest request =
                BlogRequest.queued(UUID.randomUUID().toString(), "someone", topic, PostOptions.DEFAULT, Instant.now());
        requests.create(request);
        return ExecutionInput.of(request);
    }
}
