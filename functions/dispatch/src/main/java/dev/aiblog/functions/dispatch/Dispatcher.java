package dev.aiblog.functions.dispatch;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.aiblog.core.Json;
import dev.aiblog.core.lambda.LambdaLogs;
import dev.aiblog.core.limits.Budget;
import dev.aiblog.core.ports.Requests;
import dev.aiblog.core.steps.ExecutionInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * Starts one pipeline execution per message, named by the request id, so a redelivered message starts nothing
 * new: Step Functions answers {@code ExecutionAlreadyExists} and that counts as done. Each message succeeds or
 * fails on its own; the failures go back in the batch response and only those are redelivered (and, after the
 * queue's receive limit, moved to the dead-letter queue). The messages of a batch are dispatched concurrently (a
 * virtual thread each): a batch of ten costs about one StartExecution's latency, not ten.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-batchfailurereporting">reporting batch item failures</a>
 * @see <a href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html">StartExecution idempotency</a>
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /** How one message went. */
    public enum Outcome {
        STARTED,
        ALREADY_STARTED,
        ALREADY_ENDED,
        REJECTED_OVER_BUDGET
    }

    private final SfnClient sfn;
    private final String stateMachineArn;
    private final Requests requests;
    private final Budget budget;

    public Dispatcher(SfnClient sfn, String stateMachineArn, Requests requests) {
        this(sfn, stateMachineArn, requests, Budget.unlimited());
    }

    /** @param budget checked before each StartExecution: over budget, the request ends REJECTED and nothing starts */
    public Dispatcher(SfnClient sfn, String stateMachineArn, Requests requests, Budget budget) {
        this.budget = budget;
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
        this.requests = requests;
    }

    public SQSBatchResponse dispatch(SQSEvent event) {
        List<SQSEvent.SQSMessage> records =
                event == null || event.getRecords() == null ? List.of() : event.getRecords();
        if (records.size() == 1) {
            return new SQSBatchResponse(failure(records.getFirst()).stream().toList());
        }
        List<Future<Optional<SQSBatchResponse.BatchItemFailure>>> running = new ArrayList<>();
        try (ExecutorService each = Executors.newVirtualThreadPerTaskExecutor()) {
            for (SQSEvent.SQSMessage message : records) {
                running.add(each.submit(LambdaLogs.carried(() -> failure(message))));
            }
        }
        // in the batch's order, so a retried batch reports its failures the same way
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (int i = 0; i < running.size(); i++) {
            try {
                running.get(i).get().ifPresent(failures::add);
            } catch (ExecutionException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                failures.add(
                        new SQSBatchResponse.BatchItemFailure(records.get(i).getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** Dispatches one message; the failure to report for it, if any. */
    private Optional<SQSBatchResponse.BatchItemFailure> failure(SQSEvent.SQSMessage message) {
        LambdaLogs.uncorrelate();
        try {
            Outcome outcome = dispatch(message.getBody());
            LOG.info("message {}: {}", message.getMessageId(), outcome);
            return Optional.empty();
        } catch (MalformedMessageException e) {
            LOG.warn(
                    "message {} is malformed and will end in the dead-letter queue: {}",
                    message.getMessageId(),
                    e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("message {} could not be dispatched; it will be retried", message.getMessageId(), e);
        }
        return Optional.of(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
    }

    /**
     * Starts the execution for one message body and marks the request RUNNING; when the month's budget is spent,
     * ends the request REJECTED with the budget as its reason instead.
     *
     * @throws MalformedMessageException when the body is not a valid execution input
     */
    public Outcome dispatch(String body) {
        ExecutionInput input = parse(body);
        LambdaLogs.correlate(input.requestId());
        if (requests.find(input.requestId()).map(r -> r.status().terminal()).orElse(false)) {
            // A late duplicate for a request that has ended (Step Functions forgets names after 90 days; the
            // local runtime after a restart): nothing to start, and no model is paid for twice.
            return Outcome.ALREADY_ENDED;
        }
        var exhausted = budget.exhausted();
        if (exhausted.isPresent()) {
            // Checked here, before StartExecution, so queued and scheduled requests are covered too: no model is
            // called for this request. (An execution already started for it, then redelivered, keeps running.)
            requests.markRejected(
                    input.requestId(),
                    null,
                    java.util.List.of("budget"),
                    exhausted.get().reason());
            return Outcome.REJECTED_OVER_BUDGET;
        }
        Outcome outcome;
        try {
            sfn.startExecution(b -> b.stateMachineArn(stateMachineArn)
                    .name(input.executionName())
                    .input(Json.write(input)));
            outcome = Outcome.STARTED;
        } catch (ExecutionAlreadyExistsException e) {
            outcome = Outcome.ALREADY_STARTED;
        }
        requests.markRunning(input.requestId());
        return outcome;
    }

    static ExecutionInput parse(String body) {
        if (body == null || body.isBlank()) {
            throw new MalformedMessageException("the message body is empty");
        }
        ExecutionInput input;
        try {
            input = Json.read(body, ExecutionInput.class);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("the message body is not an execution input: " + e.getMessage());
        }
        if (input == null) {
            throw new MalformedMessageException("the message body is null");
        }
        List<String> problems = input.problems();
        if (!problems.isEmpty()) {
            throw new MalformedMessageException(String.join("; ", problems));
        }
        return input;
    }

    /** A message no retry can fix; it is reported failed, so the queue moves it to the DLQ after its receive limit. */
    public static final class MalformedMessageException extends RuntimeException {
        public MalformedMessageException(String message) {
            super(message);
        }
    }
}
