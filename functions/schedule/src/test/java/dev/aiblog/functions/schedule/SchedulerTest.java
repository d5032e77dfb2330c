package dev.aiblog.functions.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.aiblog.aws.store.DynamoDbPosts;
import dev.aiblog.aws.store.DynamoDbRequests;
import dev.aiblog.core.Json;
import dev.aiblog.core.config.Settings;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.Post;
import dev.aiblog.core.model.PostOptions;
import dev.aiblog.core.model.Status;
import dev.aiblog.core.model.TokenUsage;
import dev.aiblog.core.steps.ExecutionInput;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** Ticks against the emulators: requests made through the same intake as POST /blogs, once per tick. */
class SchedulerTest {
    Settings settings;
    DynamoDbRequests requests;

    @BeforeEach
    void emptyTables() {
        TestAws.aws().reset();
        settings = TestAws.settings();
        requests = new DynamoDbRequests(TestAws.aws().dynamoDb(), settings.requestsTable(), Clock.systemUTC());
    }

    @Test
    void enqueuesTheConfiguredNumberOfRequests_andNothingMoreWhenTheTickIsDeliveredTwice() {
        ScheduleHandler handler = new ScheduleHandler(settings);
        ScheduleTick tick = new ScheduleTick(
                "2026-11-24T18:00:00Z", "arn:aws:scheduler:us-east-1:000000000000:schedule/default/tick", "e1", "1");

        ScheduleResult first = handler.handleRequest(tick, null);
        ScheduleResult again =
                handler.handleRequest(new ScheduleTick(tick.scheduledTime(), tick.scheduleArn(), "e2", "2"), null);

        assertThat(first.requestIds()).hasSize(2).doesNotHaveDuplicates();
        assertThat(again.requestIds()).isEqualTo(first.requestIds());
        List<String> bodies = drain();
        assertThat(bodies).hasSize(2);
        for (String requestId : first.requestIds()) {
            BlogRequest request = requests.get(requestId);
            assertThat(request.status()).isEqualTo(Status.QUEUED);
            assertThat(request.owner()).isEqualTo("scheduler");
            assertThat(bodies).contains(Json.write(ExecutionInput.of(request)));
        }
    }

    @Test
    void nextTickMakesNewRequests() {
        ScheduleHandler handler = new ScheduleHandler(settings);

        ScheduleResult six = handler.handleRequest(new ScheduleTick("2026-11-24T18:00:00Z", null, null, null), null);
        ScheduleResult twelve = handler.handleRequest(new ScheduleTick("2026-11-25T00:00:00Z", null, null, null), null);

        assertThat(twelve.requestIds()).hasSize(2).doesNotContainAnyElementsOf(six.requestIds());
        assertThat(drain()).hasSize(4);
    }

    @Test
    void skipsTopicsTooCloseToRecentPostTitles() {
        Instant tick = Instant.parse("2026-11-24T18:00:00Z");
        TopicPlanner planner = new TopicPlanner(settings.scheduleThemes(), settings.scheduleSimilarityThreshold());
        List<String> wouldPick = planner.plan(tick, 2, List.of()).topics();
        for (String topic : wouldPick) {
            publish("Recently: " + topic);
        }

        ScheduleResult result =
                new ScheduleHandler(settings).handleRequest(new ScheduleTick(tick.toString(), null, null, null), null);

        assertThat(result.skippedTopics()).containsAll(wouldPick);
        assertThat(result.requestIds()).hasSize(2);
        List<String> topics =
                result.requestIds().stream().map(id -> requests.get(id).topic()).toList();
        assertThat(topics).doesNotContainAnyElementsOf(wouldPick);
    }

    @Test
    void aReplayedTickThatPlansOtherTopicsMakesNoDuplicates() {
        Instant tick = Instant.parse("2026-11-24T18:00:00Z");
        ScheduleHandler handler = new ScheduleHandler(settings);
        ScheduleResult first = handler.handleRequest(new ScheduleTick(tick.toString(), null, null, null), null);
        // between the deliveries, posts on the first tick's topics are published: the replay plans other topics
        first.requestIds().forEach(id -> publish(requests.get(id).topic()));

        ScheduleResult replay = handler.handleRequest(new ScheduleTick(tick.toString(), null, null, "2"), null);

        assertThat(replay.requestIds()).isEmpty();
        assertThat(drain()).hasSize(2);
    }

    @Test
    void handlesTheSampleEvent() {
        Path file = TestAws.repository().resolve("events/schedule-tick.json");
        ScheduleTick tick = EventLoader.loadEvent(file.toString(), ScheduleTick.class);

        ScheduleResult result = new ScheduleHandler(TestAws.settings(Map.of("SCHEDULED_POSTS_PER_TICK", "1")))
                .handleRequest(tick, null);

        assertThat(tick.scheduledTime()).isEqualTo("2026-11-24T18:00:00Z");
        assertThat(tick.scheduleArn()).startsWith("arn:aws:scheduler:");
        assertThat(result.scheduledTime()).isEqualTo("2026-11-24T18:00:00Z");
        assertThat(result.requestIds()).hasSize(1);
        assertThat(drain()).hasSize(1);
    }

    private void publish(String title) {
        String id = UUID.randomUUID().toString();
        requests.create(BlogRequest.queued(id, "someone", title, PostOptions.DEFAULT, Instant.now()));
        Post post = new Post(
                id,
                id,
                title,
                "summary",
                List.of("x"),
                "posts/" + id + "/body.md",
                "images/" + id + ".png",
                1,
                "m",
                "i",
                TokenUsage.NONE,
                TokenUsage.NONE,
                BigDecimal.ZERO,
                "offline",
                true,
                Instant.now(),
                0);
        new DynamoDbPosts(TestAws.aws().dynamoDb(), settings.blogsTable(), requests).publish(post);
    }

    private List<String> drain() {
        var sqs = TestAws.aws().sqs();
        String url = settings.requestsQueueUrl();
        List<String> bodies = new ArrayList<>();
        for (List<Message> batch = receive(url); !batch.isEmpty(); batch = receive(url)) {
            batch.forEach(m -> {
                bodies.add(m.body());
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            });
        }
        return bodies;
    }

    private static List<Message> receive(String url) {
        return TestAws.aws()
                .sqs()
                .receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0))
                .messages();
    }
}
