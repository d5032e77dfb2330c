package dev.aiblog.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiblog.core.Json;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.PostOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every events/api-*.json, loaded as Lambda deserializes it, is answered with a 2xx, given the request and the
 * post the samples name.
 */
class ApiEventsTest {
    static final String SAMPLE_REQUEST = "7d3f0b8e-52a4-4c61-b1de-2f6a9c0e4b17";
    /** The FAILED request events/api-retry-request.json retries. */
    static final String SAMPLE_FAILED_REQUEST = "9a2c4e6f-1b3d-4f5a-8c7e-0d2f4a6b8c13";

    static final String SAMPLE_POST = "3b8e1f42-9c6d-4a0e-8f25-61d7c4a9e0b3";
    /** The drafts awaiting review events/api-get-review.json reads and events/api-decide-review.json approves. */
    static final List<String> SAMPLE_REVIEWS =
            List.of("5c2e8a14-7f3b-4d90-a6e1-2b9d0c7f3e58", "0f6b6f5e-2d1c-4b8e-9a57-3c1c7e1d2a01");

    static ApiHandler handler;
    /**
     * For the decision: the same wiring, but the decision goes to in-memory task tokens (these emulators have no
     * Step Functions; the runtime's tests hand decisions to its endpoint).
     */
    static ApiHandler deciding;

    @BeforeAll
    static void seed() {
        handler = new ApiHandler(TestAws.settings());
        ReviewRoutesTest.start();
        deciding = ReviewRoutesTest.handler;
        for (String id : SAMPLE_REVIEWS) {
            if (TestData.requests().find(id).isEmpty()) {
                ReviewRoutesTest.awaiting(id, "A sample draft", java.time.Duration.ofDays(7));
            }
        }
        TestData.requests()
                .create(BlogRequest.queued(
                        SAMPLE_REQUEST, Events.USER, "A sample topic", PostOptions.DEFAULT, Instant.now()));
        TestData.requests()
                .create(BlogRequest.queued(
                        SAMPLE_FAILED_REQUEST,
                        Events.USER,
                        "A sample topic that failed",
                        PostOptions.DEFAULT,
                        Instant.now()));
        TestData.requests().markFailed(SAMPLE_FAILED_REQUEST, "ProviderException", "the model was down");
        if (TestData.blogs().find(SAMPLE_POST).isEmpty()) {
            TestData.publish(
                    SAMPLE_POST,
                    "How event source mappings batch SQS messages",
                    List.of("serverless", "sqs"),
                    Instant.now());
        }
    }

    static Stream<Path> events() throws IOException {
        try (Stream<Path> files = Files.list(TestAws.repository().resolve("events"))) {
            return files.filter(f -> f.getFileName().toString().matches("api-.*\\.json")).sorted().toList().stream();
        }
    }

    @Test
    void thereIsASampleForEveryRoute() throws IOException {
        List<String> routeKeys = events().map(f -> read(f).routeKey()).toList();

        assertThat(routeKeys)
                .containsExactlyInAnyOrderElementsOf(
                        Stream.of(Route.values()).map(Route::key).toList());
    }

    @ParameterizedTest
    @MethodSource("events")
    void answersTheSampleEventWithASuccess(Path file) throws IOException {
        HttpApiEvent event = read(file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        (event.routeKey().equals(Route.DECIDE_REVIEW.key()) ? deciding : handler)
                .handleRequest(new ByteArrayInputStream(Files.readAllBytes(file)), out, null);

        HttpApiResponse response =
                Json.read(out.toString(java.nio.charset.StandardCharsets.UTF_8), HttpApiResponse.class);
        assertThat(event.requestContext().http().method()).isNotBlank();
        assertThat(response.statusCode())
                .as(file.getFileName() + ": " + response.body())
                .isBetween(200, 299);
        if (event.routeKey().equals(Route.GET_POST_PAGE.key())) {
            assertThat(response.headers()).containsEntry("content-type", "text/html; charset=utf-8");
            assertThat(response.body()).contains("<h1>How event source mappings batch SQS messages</h1>");
        } else {
            assertThat(response.headers()).containsEntry("content-type", "application/json");
            assertThat(RoutesTest.json(response).has("error")).isFalse();
        }
    }

    @Test
    void primingReadsTheFeedAndBuildsEveryClient() {
        assertThat(handler.prime()).isEqualTo(200);
    }

    private static HttpApiEvent read(Path file) {
        try {
            return Json.read(Files.readString(file), HttpApiEvent.class);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
