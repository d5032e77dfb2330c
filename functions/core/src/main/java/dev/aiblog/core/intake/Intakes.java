package dev.aiblog.core.intake;

import dev.aiblog.core.aws.AwsClients;
import dev.aiblog.core.config.Settings;
import dev.aiblog.core.store.IdempotencyStore;
import dev.aiblog.core.store.RequestStore;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Wires the {@link RequestIntake} the API and the schedule share, from a function's settings. */
public final class Intakes {
    private Intakes() {}

    /** The intake over the Requests and Idempotency tables and the requests queue; needs the SQS SDK on the classpath. */
    public static RequestIntake fromSettings(Settings settings, DynamoDbClient dynamo, Clock clock) {
        RequestStore requests = new RequestStore(dynamo, settings.requestsTable(), clock);
        SqsClient sqs = AwsClients.configure(SqsClient.builder(), settings, "SQS").build();
        return new RequestIntake(requests, new IdempotencyStore(dynamo, settings.idempotencyTable()),
                new SqsRequestQueue(sqs, settings.requestsQueueUrl()), settings.idempotencyTtl(), clock);
    }
}
