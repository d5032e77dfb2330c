package dev.aiblog.functions.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiblog.core.Json;
import dev.aiblog.core.config.PriceTable;
import dev.aiblog.core.config.Settings;
import dev.aiblog.core.memory.InMemoryContent;
import dev.aiblog.core.memory.InMemoryRequests;
import dev.aiblog.core.memory.InMemoryReviews;
import dev.aiblog.core.metrics.Metrics;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.Draft;
import dev.aiblog.core.model.PendingReview;
import dev.aiblog.core.model.PostOptions;
import dev.aiblog.core.model.ReviewDecision;
import dev.aiblog.core.model.Status;
import dev.aiblog.core.model.Step;
import dev.aiblog.core.ports.Reviews;
import dev.aiblog.core.steps.StepContracts.ReviewInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReviewHandlerTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final String ID = "0f6b6f5e-2d1c-4b8e-9a57-3c1c7e1d2a01";

    private final InMemoryRequests requests = new InMemoryRequests(Clock.fixed(NOW, ZoneOffset.UTC));
    private final InMemoryReviews reviews = new InMemoryReviews(requests);
    private final InMemoryContent content = new InMemoryContent();
    private final ReviewHandler handler = new ReviewHandler(
            requests,
            reviews,
            content,
            PriceTable.load(Settings.of(Map.of())),
            "low",
            Clock.fixed(NOW, ZoneOffset.UTC),
            Metrics.none());

    ReviewHandlerTest() {
        requests.create(BlogRequest.queued(ID, "ann", "tide pools", PostOptions.DEFAULT, NOW.minusSeconds(60)));
        requests.markRunning(ID);
        content.putDraft(
                ID, new Draft("Tide pools", "In winter", "## Cold\n\nwords", List.of("nature", "sea"), "a pool"));
    }

    private static ReviewInput sample() throws Exception {
        return Json.read(Files.readString(Path.of("../../events/await-review.json")), ReviewInput.class);
    }

    @Test
    void recordsTheDraftAndItsTokenAndMarksTheRequestAwaitingReview() throws Exception {
        var output = handler.handle(sample());

        assertThat(output.status()).isEqualTo("AWAITING_REVIEW");
        assertThat(output.deadline()).isEqualTo(NOW.plusSeconds(604800));
        BlogRequest request = requests.get(ID);
        assertThat(request.status()).isEqualTo(Status.AWAITING_REVIEW);
        assertThat(request.step()).isEqualTo(Step.REVIEW);
        PendingReview review = reviews.find(ID).orElseThrow();
        assertThat(review.title()).isEqualTo("Tide pools");
        assertThat(review.summary()).isEqualTo("In winter");
        assertThat(review.tags()).containsExactly("nature", "sea");
        assertThat(review.owner()).isEqualTo("ann");
        assertThat(review.topic()).isEqualTo("tide pools");
        assertThat(review.imageKey()).isEqualTo("images/" + ID + ".png");
        assertThat(review.taskToken()).startsWith("AQCE");
        assertThat(review.awaitingSince()).isEqualTo(NOW);
        assertThat(review.costUsd()).isPositive();
        assertThat(reviews.awaiting(10, null).reviews())
                .extracting(PendingReview::requestId)
                .containsExactly(ID);
    }

    @Test
    void aRepeatedStepReplacesTheTokenButNeverReopensADecidedRequest() throws Exception {
        handler.handle(sample());
        ReviewInput retry = new ReviewInput(
                ID, "token-2", sample().draftKey(), sample().imageKey(), sample().text(), sample().image(), 60);
        handler.handle(retry);
        assertThat(reviews.find(ID).orElseThrow().taskToken()).isEqualTo("token-2");

        var decided = reviews.decide(
                new ReviewDecision(ID, "alice", ReviewDecision.Verdict.REJECT, "off topic", NOW.plusSeconds(1)));
        assertThat(decided).isEqualTo(new Reviews.Decided.Taken("token-2"));

        var late = handler.handle(sample());
        assertThat(late.status()).isEqualTo("REJECTED");
        assertThat(requests.get(ID).status()).isEqualTo(Status.REJECTED);
        assertThat(reviews.awaiting(10, null).reviews()).isEmpty();
    }

    @Test
    void anInputWithoutATaskTokenIsRefusedBeforeTheRequestIsTouched() throws Exception {
        ReviewInput noToken = new ReviewInput(
                ID, null, sample().draftKey(), sample().imageKey(), sample().text(), sample().image(), 60);

        assertThatThrownBy(() -> handler.handle(noToken)).hasMessageContaining("taskToken");
        assertThat(requests.get(ID).status()).isEqualTo(Status.RUNNING);
    }
}
