package dev.aiblog.aws;

import dev.aiblog.aws.store.DynamoDbIdempotencyKeys;
import dev.aiblog.aws.store.DynamoDbLedger;
import dev.aiblog.aws.store.DynamoDbPosts;
import dev.aiblog.aws.store.DynamoDbQuotas;
import dev.aiblog.aws.store.DynamoDbRequests;
import dev.aiblog.aws.store.S3Content;
import dev.aiblog.aws.store.SqsRequestQueue;
import dev.aiblog.core.config.Settings;
import dev.aiblog.core.intake.RequestIntake;
import dev.aiblog.core.limits.Budget;
import dev.aiblog.core.limits.Quota;
import dev.aiblog.core.ports.Content;
import dev.aiblog.core.ports.Ledger;
import dev.aiblog.core.ports.Posts;
import dev.aiblog.core.ports.RequestQueue;
import dev.aiblog.core.ports.Requests;
import java.time.Clock;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A function's ports on AWS, wired once: each adapter and client is built the first time the function asks for it,
 * then shared, so a function builds only what it uses (the dispatcher never loads the S3 or SQS SDK, which its zip
 * does not carry) and never one client per record.
 *
 * <pre>{@code
 * public ModerateHandler(Settings settings) {
 *     this(AwsWiring.of(settings).requests(), AwsWiring.of(settings).content(), ...);
 * }
 * }</pre>
 */
public final class AwsWiring {
    private final Settings settings;
    private final Clock clock;
    private final Supplier<DynamoDbClient> dynamoDb;
    private final Supplier<DynamoDbRequests> requests;
    private final Supplier<DynamoDbPosts> posts;
    private final Supplier<S3Content> content;
    private final Supplier<RequestIntake> intake;
    private final Supplier<DynamoDbLedger> ledger;
    private final Supplier<dev.aiblog.aws.store.DynamoDbReviews> reviews;

    private AwsWiring(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.dynamoDb = once(() -> AwsClients.dynamoDb(settings));
        this.requests = once(() -> new DynamoDbRequests(dynamoDb.get(), settings.requestsTable(), clock));
        this.posts = once(() -> new DynamoDbPosts(dynamoDb.get(), settings.blogsTable(), requests.get()));
        this.content = once(() -> new S3Content(AwsClients.s3(settings), settings.contentBucket()));
        this.reviews =
                once(() -> new dev.aiblog.aws.store.DynamoDbReviews(dynamoDb.get(), settings.requestsTable(), clock));
        this.ledger = once(() -> new DynamoDbLedger(dynamoDb.get(), settings.ledgerTable()));
        this.intake = once(() -> new RequestIntake(
                requests.get(),
                new DynamoDbIdempotencyKeys(dynamoDb.get(), settings.idempotencyTable()),
                requestQueue(),
                settings.idempotencyTtl(),
                clock,
                () -> java.util.UUID.randomUUID().toString(),
                budget(),
                new Quota(
                        settings.dailyPostsPerUser(),
                        new DynamoDbQuotas(dynamoDb.get(), settings.idempotencyTable()),
                        clock)));
    }

    /** The wiring for a function with these settings (its environment), on the system clock. */
    public static AwsWiring of(Settings settings) {
        return new AwsWiring(settings, Clock.systemUTC());
    }

    public Settings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    /** The Requests table. */
    public Requests requests() {
        return requests.get();
    }

    /** The Blogs table (posts, tags, likes); publishing also marks the request in the Requests table. */
    public Posts posts() {
        return posts.get();
    }

    /** The content bucket; needs the S3 SDK. */
    public Content content() {
        return content.get();
    }

    /** The requests queue; needs the SQS SDK. */
    public RequestQueue requestQueue() {
        return new SqsRequestQueue(AwsClients.sqs(settings), settings.requestsQueueUrl());
    }

    /** How requests come in (the API and the schedule): Requests and Idempotency tables and the queue. */
    public RequestIntake intake() {
        return intake.get();
    }

    /** The drafts awaiting review, on the Requests table. */
    public dev.aiblog.core.ports.Reviews reviews() {
        return reviews.get();
    }

    /** Step Functions' task tokens ({@code SendTaskSuccess}); needs the Step Functions SDK. */
    public dev.aiblog.core.ports.TaskTokens taskTokens() {
        return new SfnTaskTokens(
                AwsClients.configure(software.amazon.awssdk.services.sfn.SfnClient.builder(), settings, "SFN")
                        .build());
    }

    /** The Ledger table: what each post cost, and each month's total. */
    public Ledger ledger() {
        return ledger.get();
    }

    /**
     * The monthly budget ({@code MONTHLY_BUDGET_USD}) on the Ledger table; without a budget it reads nothing, so a
     * function needs the Ledger table only when a budget is set.
     */
    public Budget budget() {
        return settings.monthlyBudgetUsd()
                .map(limit -> new Budget(java.util.Optional.of(limit), ledger(), clock))
                .orElseGet(Budget::unlimited);
    }

    /** A secret's value, read from Secrets Manager; needs the Secrets Manager SDK. */
    public String secret(String secretId) {
        return Secrets.secretString(settings, secretId);
    }

    private static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = make.get();
                }
                return value;
            }
        };
    }
}
