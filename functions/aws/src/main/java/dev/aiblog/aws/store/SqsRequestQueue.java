package dev.aiblog.aws.store;

import dev.aiblog.core.Json;
import dev.aiblog.core.ports.RequestQueue;
import dev.aiblog.core.steps.ExecutionInput;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sends each request to the SQS requests queue; the message body is the execution input, as JSON.
 *
 * <p>The SQS SDK is an optional dependency of the adapters: only the functions that send (API, schedule) carry it.
 */
public final class SqsRequestQueue implements RequestQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsRequestQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(ExecutionInput input) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(input)));
    }
}
