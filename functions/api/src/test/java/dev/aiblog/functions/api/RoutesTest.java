package dev.aiblog.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.core.Json;
import dev.aiblog.core.model.Post;
import dev.aiblog.core.model.Status;
import dev.aiblog.core.model.Step;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each route's happy path through the handler, against the emulators. */
class RoutesTest {
    static ApiHandler handler;

    @BeforeAll
    static void start() {
        handler = new ApiHandler(TestAws.settings());
    }

    @Test
    void submitRecordsTheRequestQueuedAndSendsTheExecutionInput() {
        var response = call(Events.request("POST", "/blogs")
                .asUser()
                .body("{\"topic\": \"  Rust for Java developers  \", \"tone\": \"playful\"}"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers()).containsEntry("content-type", "application/json");
        JsonNode body = json(response);
        String requestId = body.get("requestId").asText();
        assertThat(body.get("status").asText()).isEqualTo("QUEUED");
        assertThat(requestId).matches("[0-9a-f-]{36}");
        var stored = TestData.requests().get(requestId);
        assertThat(stored.status()).isEqualTo(Status.QUEUED);
        assertThat(stored.owner()).isEqualTo(Events.USER);
        assertThat(stored.topic()).isEqualTo("Rust for Java developers");
        assertThat(TestData.queuedBodies())
                .filteredOn(m -> m.contains(requestId))
                .containsExactly("{\"requestId\":\"" + requestId
                        + "\",\"topic\":\"Rust for Java developers\",\"audience\":\"general\","
                        + "\"tone\":\"playful\",\"length\":\"medium\"}");
    }

    @Test
    void sameIdempotencyKeyAndBodyGiveTheSameRequestOnce() {
        String key = UUID.randomUUID().toString();
        var first = call(Events.request("POST", "/blogs")
                .asUser()
                .header("Idempotency-Key", key)
                .body("{\"topic\": \"Idempotent APIs\"}"));
        var again = call(Events.request("POST", "/blogs")
                .asUser()
                .header("Idempotency-Key", key)
                .body("{ \"length\": \"medium\", \"topic\": \" Idempotent APIs \" }"));
        var otherUser = call(Events.request("POST", "/blogs")
                .as("another-user")
                .header("Idempotency-Key", key)
                .body("{\"topic\": \"Idempotent APIs\"}"));

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(202);
        String requestId = json(first).get("requestId").asText();
        assertThat(json(again).get("requestId").asText()).isEqualTo(requestId);
        assertThat(json(otherUser).get("requestId").asText()).isNotEqualTo(requestId);
        assertThat(TestData.queuedBodies())
                .filteredOn(m -> m.contains(requestId))
                .hasSize(1);
    }

    @Test
    void sameIdempotencyKeyWithAnotherBodyIsAConflict() {
        String key = UUID.randomUUID().toString();
        var first = call(Events.request("POST", "/blogs")
                .asUser()
                .header("idempotency-key", key)
                .body("{\"topic\": \"Idempotent APIs\"}"));
        var conflicting = call(Events.request("POST", "/blogs")
                .asUser()
                .header("idempotency-key", key)
                .body("{\"topic\": \"Idempotent APIs\", \"audience\": \"expert\"}"));

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(conflicting.statusCode()).isEqualTo(409);
        assertThat(json(conflicting).at("/error/code").asText()).isEqualTo("CONFLICT");
        assertThat(json(conflicting).at("/error/message").asText()).contains("Idempotency-Key");
    }

    @Test
    void requestStatusShowsEveryFieldToItsOwner() {
        String requestId = json(call(Events.request("POST", "/blogs").asUser().body("{\"topic\": \"Status pages\"}")))
                .get("requestId")
                .asText();
        TestData.requests().markRunning(requestId);
        TestData.requests().enterStep(requestId, Step.TEXT);

        var response = call(Events.request("GET", "/requests/" + requestId).asUser());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(fieldNames(body))
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
        assertThat(body.get("status").asText()).isEqualTo("RUNNING");
        assertThat(body.get("step").asText()).isEqualTo("TEXT");
        assertThat(body.get("reason").isNull()).isTrue();
        assertThat(body.get("postId").isNull()).isTrue();
        assertThat(body.get("categories").isArray()).isTrue();
        assertThat(Instant.parse(body.get("createdAt").asText()))
                .isBeforeOrEqualTo(Instant.parse(body.get("updatedAt").asText()));
        assertThat(call(Events.request("GET", "/requests/" + requestId).as("someone-else"))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void requestStatusOfARejectedRequestCarriesTheReasonAndCategories() {
        String requestId = json(call(
                        Events.request("POST", "/blogs").asUser().body("{\"topic\": \"Something flagged\"}")))
                .get("requestId")
                .asText();
        TestData.requests().markRejected(requestId, Step.MODERATE_TOPIC, List.of("violence"), "the topic was flagged");

        JsonNode body =
                json(call(Events.request("GET", "/requests/" + requestId).asUser()));

        assertThat(body.get("status").asText()).isEqualTo("REJECTED");
        assertThat(body.get("step").asText()).isEqualTo("MODERATE_TOPIC");
        assertThat(body.get("reason").asText()).isEqualTo("the topic was flagged");
        assertThat(body.get("categories").get(0).asText()).isEqualTo("violence");
    }

    @Test
    void blogIsTheWholePostWithAPresignedImageUrl() {
        String id = UUID.randomUUID().toString();
        Post post = TestData.publish(
                id,
                "Presigned URLs explained",
                List.of("s3", "security"),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));

        var response = call(Events.request("GET", "/blogs/" + id));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(fieldNames(body))
                .containsExactly(
                        "id",
                        "title",
                        "summary",
                        "body",
                        "tags",
                        "imageUrl",
                        "publishedAt",
                        "readingTimeMinutes",
                        "likes",
                        "offline",
                        "provider",
                        "models",
                        "costUsd",
                        "likedByMe",
                        "reviewedBy",
                        "shareUrl");
        assertThat(body.get("reviewedBy").isNull()).isTrue();
        assertThat(body.get("title").asText()).isEqualTo("Presigned URLs explained");
        assertThat(body.get("body").asText()).startsWith("# Presigned URLs explained");
        assertThat(body.get("imageUrl").asText())
                .contains(post.imageKey())
                .contains("X-Amz-Signature=")
                .contains("X-Amz-Expires=900");
        assertThat(Instant.parse(body.get("publishedAt").asText())).isEqualTo(post.publishedAt());
        assertThat(body.get("models").get("text").asText()).isEqualTo("gpt-4.1-mini");
        assertThat(body.get("models").get("image").asText()).isEqualTo("gpt-image-1");
        assertThat(body.get("costUsd").isNumber()).isTrue();
        assertThat(body.get("costUsd").decimalValue()).isEqualByComparingTo("0.012345");
        assertThat(body.get("offline").asBoolean()).isFalse();
        assertThat(body.get("likes").asLong()).isZero();
    }

    @Test
    void likesAreIdempotentPerUserAndNeverNegative() {
        String id = UUID.randomUUID().toString();
        TestData.publish(id, "Counting likes", List.of("dynamodb"), Instant.now());
        String likes = "/blogs/" + id + "/likes";

        assertThat(likes(call(Events.request("POST", likes).as("ann")))).isEqualTo("1 true");
        assertThat(likes(call(Events.request("POST", likes).as("ann")))).isEqualTo("1 true");
        assertThat(likes(call(Events.request("POST", likes).as("bob")))).isEqualTo("2 true");
        assertThat(likes(call(Events.request("DELETE", likes).as("ann")))).isEqualTo("1 false");
        assertThat(likes(call(Events.request("DELETE", likes).as("ann")))).isEqualTo("1 false");
        assertThat(likes(call(Events.request("DELETE", likes).as("carol")))).isEqualTo("1 false");
        assertThat(likes(call(Events.request("DELETE", likes).as("bob")))).isEqualTo("0 false");
        assertThat(likes(call(Events.request("DELETE", likes).as("bob")))).isEqualTo("0 false");
        assertThat(TestData.blogs().countItems(id, "LIKE#")).isZero();
    }

    @Test
    void concurrentLikesByManyUsersAreEachCountedOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        TestData.publish(id, "Contended counters", List.of("dynamodb"), Instant.now());
        List<Future<HttpApiResponse>> calls = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 24; i++) {
                String user = "user-" + (i % 12);
                calls.add(pool.submit(() ->
                        call(Events.request("POST", "/blogs/" + id + "/likes").as(user))));
            }
        }
        for (var call : calls) {
            assertThat(call.get().statusCode()).isEqualTo(200);
        }

        assertThat(TestData.blogs().find(id).orElseThrow().likes()).isEqualTo(12);
        assertThat(TestData.blogs().countItems(id, "LIKE#")).isEqualTo(12);
    }

    @Test
    void preflightNamesTheRouteMethodsForAnAllowedOrigin() {
        var response = call(Events.request("OPTIONS", "/blogs/abc/likes")
                .header("origin", "http://localhost:8081")
                .header("access-control-request-method", "POST"));
        var feed = call(Events.request("GET", "/feed").header("Origin", "http://localhost:8081"));
        var stranger = call(Events.request("OPTIONS", "/feed").header("origin", "https://evil.example"));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers())
                .containsEntry("access-control-allow-origin", "http://localhost:8081")
                .containsEntry("access-control-allow-methods", "POST, DELETE, OPTIONS")
                .containsEntry("access-control-allow-headers", "authorization,content-type,idempotency-key");
        assertThat(feed.headers()).containsEntry("access-control-allow-origin", "http://localhost:8081");
        assertThat(stranger.statusCode()).isEqualTo(204);
        assertThat(stranger.headers()).doesNotContainKey("access-control-allow-origin");
    }

    private static String likes(HttpApiResponse response) {
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(fieldNames(body)).containsExactly("id", "likes", "liked");
        return body.get("likes").asLong() + " " + body.get("liked").asBoolean();
    }

    static HttpApiResponse call(Events request) {
        return handler.handle(request.build());
    }

    static JsonNode json(HttpApiResponse response) {
        return Json.read(response.body(), JsonNode.class);
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
