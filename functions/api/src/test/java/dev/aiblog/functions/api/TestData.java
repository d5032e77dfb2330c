package dev.aiblog.functions.api;

import dev.aiblog.aws.store.DynamoDbPosts;
import dev.aiblog.aws.store.DynamoDbRequests;
import dev.aiblog.aws.store.S3Content;
import dev.aiblog.core.config.Settings;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.Post;
import dev.aiblog.core.model.PostOptions;
import dev.aiblog.core.model.TokenUsage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.model.Message;

/** Published posts and queued messages for tests, written and read the way the pipeline and the dispatcher do. */
final class TestData {
    private static final List<String> RECEIVED = new ArrayList<>();

    private TestData() {}

    static DynamoDbRequests requests() {
        Settings settings = TestAws.settings();
        return new DynamoDbRequests(TestAws.aws().dynamoDb(), settings.requestsTable(), Clock.systemUTC());
    }

    static DynamoDbPosts blogs() {
        return new DynamoDbPosts(
                TestAws.aws().dynamoDb(),
                TestAws.settings().blogsTable(),
                new DynamoDbRequests(
                        TestAws.aws().dynamoDb(), TestAws.settings().requestsTable(), Clock.systemUTC()));
    }

    static S3Content content() {
        return new S3Content(TestAws.aws().s3(), TestAws.settings().contentBucket());
    }

    /** Publishes a post through the publish transaction, with its body and image in the bucket. */
    static Post publish(String id, String title, List<String> tags, Instant publishedAt) {
        DynamoDbRequests requests = requests();
        requests.create(BlogRequest.queued(id, "author", "topic of " + title, PostOptions.DEFAULT, publishedAt));
        S3Content content = content();
        String bodyKey = content.putBody(id, "# " + title + "\n\nSome words about " + title + ".");
        String imageKey = content.putImage(id, new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png");
        Post post = new Post(
                id,
                id,
                title,
                "Summary of " + title,
                tags,
                bodyKey,
                imageKey,
                3,
                "gpt-4.1-mini",
                "gpt-image-1",
                TokenUsage.text(1200, 900),
                new TokenUsage(0, 0, 1),
                new BigDecimal("0.012345"),
                "openai",
                false,
                publishedAt,
                0);
        if (!blogs().publish(post)) {
            throw new IllegalStateException("post " + id + " was published before");
        }
        return post;
    }

    /** Every body sent to the requests queue so far (the queue is drained into this list). */
    static synchronized List<String> queuedBodies() {
        var sqs = TestAws.aws().sqs();
        String url = TestAws.settings().requestsQueueUrl();
        while (true) {
            List<Message> messages = sqs.receiveMessage(
                            b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages();
            if (messages.isEmpty()) {
                return List.copyOf(RECEIVED);
            }
            for (Message message : messages) {
                RECEIVED.add(message.body());
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
            }
        }
    }
}
