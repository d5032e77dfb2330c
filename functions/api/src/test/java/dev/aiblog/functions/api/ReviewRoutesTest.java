package dev.aiblog.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.aws.AwsClients;
import dev.aiblog.aws.AwsWiring;
import dev.aiblog.core.Json;
import dev.aiblog.core.config.Settings;
import dev.aiblog.core.memory.InMemoryTaskTokens;
import dev.aiblog.core.metrics.Metrics;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.Draft;
import dev.aiblog.core.model.PendingReview;
import dev.aiblog.core.model.PostOptions;
import dev.aiblog.core.model.Status;
import dev.aiblog.core.model.Step;
import dev.aiblog.core.ports.Content;
import dev.aiblog.core.ports.ContentKeys;
import dev.aiblog.core.ports.Reviews;
import dev.aiblog.core.steps.StepContracts.ReviewResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The editor's routes against the emulators, each call with its function's role: the API's (queue, draft, edited
 * draft, decision) and the review function's (the draft awaiting review). Decisions go to in-memory task tokens.
 */
class ReviewRoutesTest {
    static final String ALICE = "alice-" + UUID.randomUUID();
    static final String BOB = "bob-" + UUID.randomUUID();

    static ApiHandler handler;
    static InMemoryTaskTokens tokens = new InMemoryTaskTokens();
    /** The EMF lines the review routes write, as Lambda would collect them from standard output. */
    static final ByteArrayOutputStream metricLines = new ByteArrayOutputStream();

    static AwsWiring api;
    static AwsWiring review;

    @BeforeAll
    static void start() {
        Settings settings = TestAws.settings();
        api = AwsWiring.of(settings);
        review = AwsWiring.of(Settings.of(TestAws.aws().lambdaEnvironment("ReviewFunction")));
        CursorCodec cursors = new CursorCodec(TestAws.cursorKey());
        ImageUrls images =
                ImageUrls.presigned(AwsClients.s3Presigner(settings), settings.contentBucket(), Duration.ofMinutes(15));
        ReviewApi reviews = new ReviewApi(
                api.reviews(),
                api.requests(),
                api.content(),
                images,
                cursors,
                tokens,
                Clock.systemUTC(),
                new Metrics("test", new PrintStream(metricLines, true, StandardCharsets.UTF_8), Clock.systemUTC()));
        BlogApi blogs = BlogApi.of(api::intake, api::requests, api::posts, api::content, () -> images, () -> cursors);
        handler = new ApiHandler(blogs, reviews, List.of(), Router.Links.NONE);
    }

    /** A request whose draft awaits review, as the pipeline leaves it; the deadline {@code timeout} from now. */
    static PendingReview awaiting(String title, Duration timeout) {
        return awaiting(UUID.randomUUID().toString(), title, timeout);
    }

    static PendingReview awaiting(String id, String title, Duration timeout) {
        return awaiting(id, title, timeout, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** A draft waiting for review since {@code now}. */
    static PendingReview awaiting(String id, String title, Duration timeout, Instant now) {
        TestData.requests().create(BlogRequest.queued(id, "ann", "topic of " + title, PostOptions.DEFAULT, now));
        Content content = review.content();
        String draftKey = TestData.content()
                .putDraft(
                        id, new Draft(title, "Summary of " + title, "## " + title + "\n\nwords", List.of("sea"), "p"));
        String imageKey = TestData.content().putImage(id, new byte[] {1, 2, 3}, "image/png");
        review.requests().enterStep(id, Step.REVIEW);
        PendingReview pending = new PendingReview(
                id,
                "ann",
                "topic of " + title,
                title,
                "Summary of " + title,
                List.of("sea"),
                draftKey,
                imageKey,
                new BigDecimal("0.0123"),
                now,
                now,
                now.plus(timeout),
                "token-" + id);
        assertThat(content).isNotNull();
        assertThat(review.reviews().await(pending)).isTrue();
        return pending;
    }

    static HttpApiResponse call(Events request) {
        return handler.handle(request.build());
    }

    static JsonNode json(HttpApiResponse response) {
        return Json.read(response.body(), JsonNode.class);
    }

    static Events asAlice(String method, String path) {
        return Events.request(method, path).as(ALICE).groups("editors");
    }

    @Test
    void meSaysWhetherTheCallerIsAnEditor() {
        JsonNode alice = json(call(asAlice("GET", "/me")));
        JsonNode bob = json(call(Events.request("GET", "/me").as(BOB).groups("readers")));

        assertThat(alice.get("userId").asText()).isEqualTo(ALICE);
        assertThat(alice.get("editor").asBoolean()).isTrue();
        assertThat(bob.get("editor").asBoolean()).isFalse();
        assertThat(call(Events.request("GET", "/me")).statusCode()).isEqualTo(401);
    }

    @Test
    void aNonEditorGets403OnEveryReviewRoute_andTheDraftStillWaits() {
        PendingReview draft = awaiting("Forbidden fruit", Duration.ofDays(7));

        for (Events request : List.of(
                Events.request("GET", "/reviews").as(BOB),
                Events.request("GET", "/reviews/" + draft.requestId()).as(BOB).groups("readers"),
                Events.request("POST", "/reviews/" + draft.requestId()).as(BOB).body("{\"decision\":\"approve\"}"))) {
            HttpApiResponse response = call(request);
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(json(response).at("/error/code").asText()).isEqualTo("FORBIDDEN");
        }
        assertThat(TestData.requests().get(draft.requestId()).status()).isEqualTo(Status.AWAITING_REVIEW);
        assertThat(tokens.sent()).doesNotContainKey(draft.taskToken());
    }

    @Test
    void theQueueListsDraftsOldestFirst_pagedByCursor_andShowsTheWholeDraft() {
        // a millisecond apart: two drafts that arrive in the same millisecond have no "oldest"
        Instant since = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PendingReview first = awaiting(UUID.randomUUID().toString(), "First in line", Duration.ofDays(7), since);
        PendingReview second =
                awaiting(UUID.randomUUID().toString(), "Second in line", Duration.ofDays(7), since.plusMillis(1));

        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        do {
            Events request = asAlice("GET", "/reviews").query("limit", "1");
            if (cursor != null) {
                request.query("cursor", cursor);
            }
            HttpApiResponse response = call(request);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode page = json(response);
            page.get("items").forEach(item -> seen.add(item.get("requestId").asText()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asText();
        } while (cursor != null);
        assertThat(seen).containsSubsequence(first.requestId(), second.requestId());

        JsonNode whole = json(call(asAlice("GET", "/reviews/" + first.requestId())));
        assertThat(whole.get("title").asText()).isEqualTo("First in line");
        assertThat(whole.get("body").asText()).startsWith("## First in line");
        assertThat(whole.get("requestedBy").asText()).isEqualTo("ann");
        assertThat(whole.get("costUsd").decimalValue()).isEqualByComparingTo("0.0123");
        assertThat(whole.get("imageUrl").asText()).contains("images/" + first.requestId());
        assertThat(Instant.parse(whole.get("reviewDeadline").asText())).isEqualTo(first.deadline());

        HttpApiResponse feedCursor = call(asAlice("GET", "/reviews").query("cursor", "abc.def"));
        assertThat(feedCursor.statusCode()).isEqualTo(400);
        assertThat(json(feedCursor).at("/error/code").asText()).isEqualTo("INVALID_CURSOR");
    }

    @Test
    void approveWithEdits_storesTheEditedDraft_handsItToTheExecution_once() {
        PendingReview draft = awaiting("Tide pools", Duration.ofDays(7));

        HttpApiResponse response = call(asAlice("POST", "/reviews/" + draft.requestId())
                .body("{\"decision\":\"approve\",\"title\":\"Tide pools in winter\",\"tags\":[\" Sea \",\"Winter\"]}"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response).get("decision").asText()).isEqualTo("approve");
        ReviewResult handed = Json.read(tokens.sent().get(draft.taskToken()), ReviewResult.class);
        assertThat(handed.decision()).isEqualTo("approve");
        assertThat(handed.reviewedBy()).isEqualTo(ALICE);
        assertThat(handed.draftKey())
                .startsWith("drafts/" + draft.requestId() + "/reviewed-")
                .isNotEqualTo(ContentKeys.draftKey(draft.requestId()));
        Draft edited = TestData.content().getDraft(handed.draftKey());
        assertThat(edited.title()).isEqualTo("Tide pools in winter");
        assertThat(edited.tags()).containsExactly("sea", "winter");
        assertThat(edited.body()).isEqualTo("## Tide pools\n\nwords");
        assertThat(TestData.requests().get(draft.requestId()).status()).isEqualTo(Status.RUNNING);
        assertThat(api.reviews().find(draft.requestId())).isEmpty();

        HttpApiResponse again = call(asAlice("POST", "/reviews/" + draft.requestId())
                .body("{\"decision\":\"reject\",\"reason\":\"changed my mind\"}"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).at("/error/code").asText()).isEqualTo("CONFLICT");
        assertThat(TestData.requests().get(draft.requestId()).status()).isEqualTo(Status.RUNNING);
        assertThat(postsRejected(draft.requestId())).isZero();
    }

    @Test
    void reject_endsTheRequestRejectedWithTheReason_andASecondDecisionIs409() {
        PendingReview draft = awaiting("Off topic", Duration.ofDays(7));

        HttpApiResponse response = call(asAlice("POST", "/reviews/" + draft.requestId())
                .body("{\"decision\":\"reject\",\"reason\":\"not what our readers come for\"}"));

        assertThat(response.statusCode()).isEqualTo(202);
        BlogRequest request = TestData.requests().get(draft.requestId());
        assertThat(request.status()).isEqualTo(Status.REJECTED);
        assertThat(request.reason()).isEqualTo("not what our readers come for");
        assertThat(Json.read(tokens.sent().get(draft.taskToken()), ReviewResult.class)
                        .decision())
                .isEqualTo("reject");
        assertThat(call(asAlice("POST", "/reviews/" + draft.requestId()).body("{\"decision\":\"approve\"}"))
                        .statusCode())
                .isEqualTo(409);
        assertThat(call(asAlice("GET", "/reviews/" + draft.requestId())).statusCode())
                .isEqualTo(404);
        // counted once, where a moderation's rejection counts
        assertThat(postsRejected(draft.requestId())).isEqualTo(1);
    }

    /** How many PostsRejected the EMF lines written so far count for {@code requestId}. */
    static long postsRejected(String requestId) {
        return metricLines
                .toString(StandardCharsets.UTF_8)
                .lines()
                .map(line -> Json.read(line, JsonNode.class))
                .filter(line -> requestId.equals(line.path("requestId").asText()))
                .mapToLong(line -> line.path("PostsRejected").asLong(0))
                .sum();
    }

    @Test
    void editsAreCheckedLikeModelOutput_theMessageNamesTheField_andTheDraftStillWaits() {
        PendingReview draft = awaiting("Checked", Duration.ofDays(7));

        HttpApiResponse blank = call(
                asAlice("POST", "/reviews/" + draft.requestId()).body("{\"decision\":\"approve\",\"title\":\"   \"}"));
        HttpApiResponse tooLong = call(asAlice("POST", "/reviews/" + draft.requestId())
                .body("{\"decision\":\"approve\",\"title\":\"" + "x".repeat(201) + "\"}"));
        HttpApiResponse noTags =
                call(asAlice("POST", "/reviews/" + draft.requestId()).body("{\"decision\":\"approve\",\"tags\":[]}"));
        HttpApiResponse rejectWithoutReason =
                call(asAlice("POST", "/reviews/" + draft.requestId()).body("{\"decision\":\"reject\"}"));
        HttpApiResponse unknown = call(
                asAlice("POST", "/reviews/" + draft.requestId()).body("{\"decision\":\"approve\",\"image\":\"x\"}"));

        assertThat(List.of(blank, tooLong, noTags, rejectWithoutReason, unknown))
                .extracting(HttpApiResponse::statusCode)
                .containsOnly(400);
        assertThat(json(blank).at("/error/message").asText()).contains("title");
        assertThat(json(tooLong).at("/error/message").asText()).contains("title");
        assertThat(json(noTags).at("/error/message").asText()).contains("tags");
        assertThat(json(rejectWithoutReason).at("/error/message").asText()).contains("reason");
        assertThat(json(unknown).at("/error/message").asText()).contains("image");
        assertThat(TestData.requests().get(draft.requestId()).status()).isEqualTo(Status.AWAITING_REVIEW);
    }

    @Test
    void aDecisionAfterTheReviewTimedOutIs409_andNothingIsHandedOver() {
        PendingReview draft = awaiting("Too late", Duration.ofMillis(1));

        HttpApiResponse response = call(
                asAlice("POST", "/reviews/" + draft.requestId()).body("{\"decision\":\"reject\",\"reason\":\"late\"}"));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response).at("/error/message").asText()).contains("timed out");
        assertThat(tokens.sent()).doesNotContainKey(draft.taskToken());
        assertThat(TestData.requests().get(draft.requestId()).status()).isEqualTo(Status.AWAITING_REVIEW);
    }

    @Test
    void aDecisionTheExecutionNoLongerWaitsForIs409() {
        PendingReview draft = awaiting("Gone", Duration.ofDays(7));
        tokens.expire(draft.taskToken());

        HttpApiResponse response =
                call(asAlice("POST", "/reviews/" + draft.requestId()).body("{\"decision\":\"approve\"}"));

        assertThat(response.statusCode()).isEqualTo(409);
    }

    @Test
    void anUnknownRequestIs404() {
        assertThat(call(asAlice("GET", "/reviews/" + UUID.randomUUID())).statusCode())
                .isEqualTo(404);
        assertThat(call(asAlice("POST", "/reviews/" + UUID.randomUUID()).body("{\"decision\":\"approve\"}"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(Reviews.class).isNotNull();
    }

    @Test
    void aDecisionStepFunctionsDidNotTakeIsWithdrawn_andTheEditorMayDecideAgain() {
        PendingReview draft = awaiting("Unlucky", Duration.ofDays(7));
        dev.aiblog.core.ports.TaskTokens failing = (token, output) -> {
            throw new IllegalStateException("Step Functions is unreachable");
        };
        ApiHandler unlucky = new ApiHandler(
                BlogApi.of(api::intake, api::requests, api::posts, api::content, () -> null, () -> null),
                new ReviewApi(
                        api.reviews(),
                        api.requests(),
                        api.content(),
                        null,
                        null,
                        failing,
                        Clock.systemUTC(),
                        Metrics.none()),
                List.of(),
                Router.Links.NONE);

        HttpApiResponse failed = unlucky.handle(asAlice("POST", "/reviews/" + draft.requestId())
                .body("{\"decision\":\"reject\",\"reason\":\"no\"}")
                .build());

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(TestData.requests().get(draft.requestId()).status()).isEqualTo(Status.AWAITING_REVIEW);
        assertThat(api.reviews().find(draft.requestId()).orElseThrow().taskToken())
                .isEqualTo(draft.taskToken());
        HttpApiResponse again =
                call(asAlice("POST", "/reviews/" + draft.requestId()).body("{\"decision\":\"approve\"}"));
        assertThat(again.statusCode()).isEqualTo(202);
    }
}
