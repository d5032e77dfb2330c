package dev.aiblog.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code REVIEW_MODE=REQUIRED AIBLOG_EDITORS=alice ./aiblog serve}, through the runtime with the real emulators and
 * the IAM gateway: a draft waits in AWAITING_REVIEW, out of the feed, until alice approves it (bob may not); a
 * rejection ends it REJECTED with the reason; a review nobody decides times out and ends FAILED.
 */
class ReviewEndToEndTest {
    private static final String TOKEN = "review-token";
    /** Short, so the timeout test does not wait long; long enough for the approve and reject flows. */
    private static final int REVIEW_TIMEOUT_SECONDS = 20;

    @TempDir
    static Path home;

    private static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(
                LocalCloud.Options.inMemory(Repository.root())
                        .persistentAt(home)
                        .withTimeScale(0)
                        .withParameters(
                                Map.of("ReviewMode", "REQUIRED", "ReviewTimeoutSeconds", "" + REVIEW_TIMEOUT_SECONDS))
                        .withEditors(Set.of("alice")),
                0,
                TOKEN,
                false);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static String as(String user) {
        return TOKEN + ":" + user;
    }

    private static URI url(String path) {
        return runtime.url().resolve(path);
    }

    private static String submit(String topic) throws Exception {
        Http.Response accepted = Http.send("POST", url("/blogs"), as("carol"), "{\"topic\":\"" + topic + "\"}");
        assertThat(accepted.status()).isEqualTo(202);
        return accepted.body().path("requestId").asText();
    }

    private static JsonNode awaitStatus(String requestId, String wanted) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            JsonNode request = Http.get(url("/requests/" + requestId), as("carol"));
            if (request.path("status").asText().equals(wanted)) {
                return request;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("request " + requestId + " is " + request + ", not " + wanted);
            }
            Thread.sleep(100);
        }
    }

    private static List<String> feedIds() throws Exception {
        List<String> ids = new ArrayList<>();
        Http.get(url("/feed?limit=50"), null)
                .path("items")
                .forEach(i -> ids.add(i.path("id").asText()));
        return ids;
    }

    @Test
    void aDraftWaitsOutOfTheFeed_bobMayNotApprove_aliceApprovesWithAnEditedTitle_andThePostIsInTheFeed()
            throws Exception {
        String requestId = submit("Lighthouses of the Baltic");

        JsonNode waiting = awaitStatus(requestId, "AWAITING_REVIEW");
        assertThat(waiting.path("step").asText()).isEqualTo("REVIEW");
        assertThat(feedIds()).doesNotContain(requestId);
        assertThat(Http.get(url("/me"), as("bob")).path("editor").asBoolean()).isFalse();
        assertThat(Http.get(url("/me"), as("alice")).path("editor").asBoolean()).isTrue();
        assertThat(Http.send("GET", url("/reviews"), as("bob"), null).status()).isEqualTo(403);
        assertThat(Http.send("POST", url("/reviews/" + requestId), as("bob"), "{\"decision\":\"approve\"}")
                        .status())
                .isEqualTo(403);
        List<String> queue = new ArrayList<>();
        Http.get(url("/reviews"), as("alice"))
                .path("items")
                .forEach(i -> queue.add(i.path("requestId").asText()));
        assertThat(queue).contains(requestId);
        JsonNode draft = Http.get(url("/reviews/" + requestId), as("alice"));
        assertThat(draft.path("body").asText()).isNotBlank();

        Http.Response approved = Http.send(
                "POST",
                url("/reviews/" + requestId),
                as("alice"),
                "{\"decision\":\"approve\",\"title\":\"Baltic lights, edited by Alice\"}");

        assertThat(approved.status()).isEqualTo(202);
        JsonNode published = awaitStatus(requestId, "PUBLISHED");
        JsonNode post = Http.get(url("/blogs/" + published.path("postId").asText()), null);
        assertThat(post.path("title").asText()).isEqualTo("Baltic lights, edited by Alice");
        assertThat(post.path("reviewedBy").asText()).isEqualTo("alice");
        assertThat(feedIds()).contains(requestId);
        assertThat(Http.send("POST", url("/reviews/" + requestId), as("alice"), "{\"decision\":\"approve\"}")
                        .status())
                .isEqualTo(409);
    }

    @Test
    void aRejectedDraftEndsRejectedWithTheEditorsReason() throws Exception {
        String requestId = submit("Tide pools in winter");
        awaitStatus(requestId, "AWAITING_REVIEW");

        Http.Response rejected = Http.send(
                "POST",
                url("/reviews/" + requestId),
                as("alice"),
                "{\"decision\":\"reject\",\"reason\":\"we covered this last week\"}");

        assertThat(rejected.status()).isEqualTo(202);
        JsonNode request = awaitStatus(requestId, "REJECTED");
        assertThat(request.path("reason").asText()).isEqualTo("we covered this last week");
        assertThat(feedIds()).doesNotContain(requestId);
    }

    @Test
    void aReviewNobodyDecidesTimesOut_endsFailedNamingTheTimeout_andALateDecisionIs409() throws Exception {
        String requestId = submit("Lanterns nobody reviews");
        awaitStatus(requestId, "AWAITING_REVIEW");

        JsonNode failed = awaitStatus(requestId, "FAILED");

        assertThat(failed.path("reason").asText()).contains("States.Timeout").contains("review timed out");
        assertThat(feedIds()).doesNotContain(requestId);
        assertThat(Http.send("POST", url("/reviews/" + requestId), as("alice"), "{\"decision\":\"approve\"}")
                        .status())
                .isEqualTo(409);
        assertThat(Duration.ofSeconds(REVIEW_TIMEOUT_SECONDS)).isPositive();
    }
}
