package dev.aiblog.functions.api;

import static dev.aiblog.functions.api.RoutesTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.PostOptions;
import dev.aiblog.core.model.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /requests: the caller's own requests, newest first, a page at a time. */
class RequestListTest {
    static ApiHandler handler;

    @BeforeAll
    static void start() {
        handler = new ApiHandler(TestAws.settings());
    }

    /** Stores {@code count} requests of a new owner, one minute apart, oldest first; returns owner and ids. */
    private static List<String> requestsOf(String owner, int count) {
        List<String> ids = new ArrayList<>();
        Instant start = Instant.parse("2026-11-01T08:00:00Z");
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            TestData.requests()
                    .create(BlogRequest.queued(
                            id, owner, "Topic number " + i, PostOptions.DEFAULT, start.plusSeconds(60L * i)));
            ids.add(id);
        }
        return ids;
    }

    private static HttpApiResponse list(String owner, String limit, String cursor) {
        Events request = Events.request("GET", "/requests").as(owner);
        if (limit != null) {
            request.query("limit", limit);
        }
        if (cursor != null) {
            request.query("cursor", cursor);
        }
        return handler.handle(request.build());
    }

    private static HttpApiResponse call(Events request) {
        return handler.handle(request.build());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("requestId").asText()));
        return ids;
    }

    @Test
    void pagesThroughTheCallersRequestsNewestFirstAndOnlyTheirs() {
        String owner = "owner-" + UUID.randomUUID();
        List<String> mine = requestsOf(owner, 5);
        requestsOf("someone-else-" + UUID.randomUUID(), 3);

        JsonNode first = json(list(owner, "2", null));
        JsonNode second = json(list(owner, "2", first.get("nextCursor").asText()));
        JsonNode third = json(list(owner, "2", second.get("nextCursor").asText()));

        List<String> newestFirst = new ArrayList<>(mine.reversed());
        assertThat(ids(first)).containsExactlyElementsOf(newestFirst.subList(0, 2));
        assertThat(ids(second)).containsExactlyElementsOf(newestFirst.subList(2, 4));
        assertThat(ids(third)).containsExactlyElementsOf(newestFirst.subList(4, 5));
        assertThat(third.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void eachItemCarriesStatusStepTopicAndPost() {
        String owner = "owner-" + UUID.randomUUID();
        List<String> ids = requestsOf(owner, 2);
        TestData.requests().markRunning(ids.get(0));
        TestData.requests().enterStep(ids.get(0), Step.IMAGE);
        TestData.requests().markRejected(ids.get(1), Step.MODERATE_TOPIC, List.of("violence"), "the topic was flagged");

        JsonNode page = json(list(owner, null, null));

        assertThat(RoutesTest.fieldNames(page)).containsExactly("items", "nextCursor");
        JsonNode rejected = page.get("items").get(0);
        JsonNode running = page.get("items").get(1);
        assertThat(RoutesTest.fieldNames(running))
                .containsExactly(
                        "requestId",
                        "topic",
                        "status",
                        "step",
                        "createdAt",
                        "updatedAt",
                        "reason",
                        "categories",
                        "postId");
        assertThat(running.get("status").asText()).isEqualTo("RUNNING");
        assertThat(running.get("step").asText()).isEqualTo("IMAGE");
        assertThat(running.get("topic").asText()).isEqualTo("Topic number 0");
        assertThat(running.get("postId").isNull()).isTrue();
        assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.get("reason").asText()).isEqualTo("the topic was flagged");
        assertThat(page.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void aPublishedRequestNamesItsPost() {
        String postId = UUID.randomUUID().toString();
        TestData.publish(postId, "Listing requests", List.of("dynamodb"), Instant.now());

        JsonNode page = json(list("author", "50", null));

        JsonNode item = null;
        for (JsonNode candidate : page.get("items")) {
            if (candidate.get("requestId").asText().equals(postId)) {
                item = candidate;
            }
        }
        assertThat(item).as("the published request is in the author's list").isNotNull();
        assertThat(item.get("status").asText()).isEqualTo("PUBLISHED");
        assertThat(item.get("postId").asText()).isEqualTo(postId);
    }

    @Test
    void aNewCallerHasAnEmptyList() {
        JsonNode page = json(list("nobody-" + UUID.randomUUID(), null, null));

        assertThat(page.get("items")).isEmpty();
        assertThat(page.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void aCursorWorksOnlyForItsOwnerAndItsList() {
        String owner = "owner-" + UUID.randomUUID();
        requestsOf(owner, 3);
        String cursor = json(list(owner, "1", null)).get("nextCursor").asText();
        var feedPage = call(Events.request("GET", "/feed").query("limit", "1"));
        String feedCursor = json(feedPage).get("nextCursor").asText(null);

        var stolen = list("thief-" + UUID.randomUUID(), "1", cursor);
        var onTheFeed = call(Events.request("GET", "/feed").query("cursor", cursor));

        assertThat(stolen.statusCode()).isEqualTo(400);
        assertThat(json(stolen).at("/error/code").asText()).isEqualTo("INVALID_CURSOR");
        assertThat(onTheFeed.statusCode()).isEqualTo(400);
        assertThat(json(onTheFeed).at("/error/code").asText()).isEqualTo("INVALID_CURSOR");
        if (feedCursor != null) {
            var feedCursorHere = list(owner, "1", feedCursor);
            assertThat(feedCursorHere.statusCode()).isEqualTo(400);
            assertThat(json(feedCursorHere).at("/error/code").asText()).isEqualTo("INVALID_CURSOR");
        }
    }

    @Test
    void refusesBadLimitsAndCursorsAndAnonymousCallers() {
        var zero = list("someone", "0", null);
        var words = list("someone", "ten", null);
        var garbage = list("someone", null, "not-a-cursor");
        var anonymous = call(Events.request("GET", "/requests"));

        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(json(zero).at("/error/message").asText()).contains("limit");
        assertThat(words.statusCode()).isEqualTo(400);
        assertThat(json(garbage).at("/error/code").asText()).isEqualTo("INVALID_CURSOR");
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}
