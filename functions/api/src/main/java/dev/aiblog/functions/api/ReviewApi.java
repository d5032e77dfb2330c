package dev.aiblog.functions.api;

import dev.aiblog.core.Json;
import dev.aiblog.core.errors.NotFoundException;
import dev.aiblog.core.metrics.Metrics;
import dev.aiblog.core.model.Draft;
import dev.aiblog.core.model.PendingReview;
import dev.aiblog.core.model.ReviewDecision;
import dev.aiblog.core.model.Tag;
import dev.aiblog.core.ports.Content;
import dev.aiblog.core.ports.Reviews;
import dev.aiblog.core.ports.TaskTokens;
import dev.aiblog.core.steps.StepContracts.ReviewResult;
import dev.aiblog.core.text.DraftCheck;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The editor's routes ({@code GET /reviews}, {@code GET /reviews/{id}}, {@code POST /reviews/{id}}) on checked
 * input; the router lets only editors in. A decision is taken once, by a conditional write on the request, and then
 * handed to the execution waiting in AwaitReview ({@code SendTaskSuccess}).
 */
public final class ReviewApi {
    private static final Logger LOG = LoggerFactory.getLogger(ReviewApi.class);

    private final Supplier<Reviews> reviews;
    private final Supplier<dev.aiblog.core.ports.Requests> requests;
    private final Supplier<Content> content;
    private final Supplier<ImageUrls> images;
    private final Supplier<CursorCodec> cursors;
    private final Supplier<TaskTokens> tokens;
    private final Clock clock;
    private final Metrics metrics;

    /** @param metrics where an editor's rejection counts as {@code PostsRejected}, as a moderation's does */
    public ReviewApi(
            Reviews reviews,
            dev.aiblog.core.ports.Requests requests,
            Content content,
            ImageUrls images,
            CursorCodec cursors,
            TaskTokens tokens,
            Clock clock,
            Metrics metrics) {
        this(() -> reviews, () -> requests, () -> content, () -> images, () -> cursors, () -> tokens, clock, metrics);
    }

    /** Collaborators made when a route first needs them. */
    public static ReviewApi of(
            Supplier<Reviews> reviews,
            Supplier<dev.aiblog.core.ports.Requests> requests,
            Supplier<Content> content,
            Supplier<ImageUrls> images,
            Supplier<CursorCodec> cursors,
            Supplier<TaskTokens> tokens,
            Clock clock,
            Metrics metrics) {
        return new ReviewApi(reviews, requests, content, images, cursors, tokens, clock, metrics);
    }

    private ReviewApi(
            Supplier<Reviews> reviews,
            Supplier<dev.aiblog.core.ports.Requests> requests,
            Supplier<Content> content,
            Supplier<ImageUrls> images,
            Supplier<CursorCodec> cursors,
            Supplier<TaskTokens> tokens,
            Clock clock,
            Metrics metrics) {
        this.metrics = metrics;
        this.reviews = reviews;
        this.requests = requests;
        this.content = content;
        this.images = images;
        this.cursors = cursors;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The queue, oldest first. */
    Views.ReviewPage queue(Inputs.PageParams params) {
        String after = params.cursor() == null ? null : cursors.get().decodeReviews(params.cursor());
        Reviews.Page page = reviews.get().awaiting(params.limit(), after);
        String next = page.nextAfter() == null ? null : cursors.get().encodeReviews(page.nextAfter());
        return new Views.ReviewPage(page.reviews().stream().map(this::item).toList(), next);
    }

    /** A whole draft awaiting review. */
    Views.Draft draft(String requestId) {
        PendingReview review = pending(requestId);
        Draft draft = content.get().getDraft(review.draftKey());
        return new Views.Draft(
                review.requestId(),
                review.topic(),
                draft.title(),
                draft.summary(),
                draft.tags(),
                imageUrl(review),
                review.owner(),
                review.createdAt(),
                review.awaitingSince(),
                review.costUsd(),
                draft.body(),
                review.deadline());
    }

    /**
     * Approves (the edited draft stored beside the model's) or rejects a draft, once. A second decision, or one
     * after the review timed out, is a 409.
     */
    Views.ReviewOutcome decide(String editor, String requestId, Inputs.Decision input) {
        Instant now = Instant.now(clock);
        String draftKey = null;
        if (input.verdict() == ReviewDecision.Verdict.APPROVE) {
            // checked and stored before the decision is taken: an invalid edit leaves the draft awaiting review
            PendingReview review = reviews.get().find(requestId).orElseThrow(() -> notAwaiting(requestId));
            Draft edited = edited(content.get().getDraft(review.draftKey()), input);
            draftKey = content.get()
                    .putReviewedDraft(requestId, java.util.UUID.randomUUID().toString(), edited);
        }
        ReviewDecision decision = new ReviewDecision(requestId, editor, input.verdict(), input.reason(), now);
        Reviews.Decided decided = reviews.get().decide(decision);
        String token = switch (decided) {
            case Reviews.Decided.Taken taken -> taken.taskToken();
            case Reviews.Decided.Missing missing -> throw ApiException.notFound("no request with this id");
            case Reviews.Decided.NotAwaiting not ->
                throw new ApiException(
                        ErrorCode.CONFLICT,
                        "this draft is not awaiting review (the request is " + not.status()
                                + "): it already has a decision, or never needed one");
            case Reviews.Decided.Expired expired ->
                throw new ApiException(
                        ErrorCode.CONFLICT,
                        "the review timed out at " + expired.deadline()
                                + "; the request ends FAILED and nothing is published");
        };
        try {
            tokens.get()
                    .succeed(token, Json.write(new ReviewResult(input.verdict().wire(), draftKey, editor)));
        } catch (TaskTokens.Gone e) {
            // the deadline passed between the write and the hand-over: the execution fails the request itself
            LOG.warn("request {}: the decision came as the review timed out: {}", requestId, e.getMessage());
            throw new ApiException(
                    ErrorCode.CONFLICT, "the review timed out; the request ends FAILED and nothing is published");
        } catch (RuntimeException e) {
            // Step Functions did not take it (throttled, unreachable): the execution still waits, so the decision is
            // taken back and the editor may send it again (the 500 says: try again)
            boolean withdrawn = reviews.get().withdraw(decision, token);
            LOG.warn("request {}: the decision did not reach the execution; withdrawn: {}", requestId, withdrawn);
            throw e;
        }
        LOG.info("request {}: {} by {}", requestId, input.verdict().wire(), editor);
        if (input.verdict() == ReviewDecision.Verdict.REJECT) {
            // the request ended REJECTED here, not in the outcome function: it counts where moderation's do
            metrics.record(requestId).count("PostsRejected", 1).emit();
        }
        return new Views.ReviewOutcome(requestId, input.verdict().wire());
    }

    /** Why a request has no draft awaiting review: 404 when there is no such request, else 409. */
    private ApiException notAwaiting(String requestId) {
        return requests.get()
                .find(requestId)
                .map(r -> new ApiException(
                        ErrorCode.CONFLICT,
                        "this draft is not awaiting review (the request is " + r.status()
                                + "): it already has a decision, or never needed one"))
                .orElseGet(() -> ApiException.notFound("no request with this id"));
    }

    private PendingReview pending(String requestId) {
        return reviews.get()
                .find(requestId)
                .orElseThrow(() -> ApiException.notFound("no request with this id is awaiting review"));
    }

    /** The draft with the editor's edits, checked like a model's output; a message names the field at fault. */
    static Draft edited(Draft draft, Inputs.Decision input) {
        List<String> tags = draft.tags();
        if (input.tags() != null) {
            LinkedHashSet<String> normalised = new LinkedHashSet<>();
            for (int i = 0; i < input.tags().size(); i++) {
                try {
                    normalised.add(Tag.of(input.tags().get(i)).value());
                } catch (IllegalArgumentException e) {
                    throw ApiException.invalid("tags[" + i + "]: " + e.getMessage());
                }
            }
            tags = new ArrayList<>(normalised);
        }
        Draft edited = new Draft(
                Objects.requireNonNullElse(input.title(), draft.title()),
                Objects.requireNonNullElse(input.summary(), draft.summary()),
                Objects.requireNonNullElse(input.body(), draft.body()),
                tags,
                draft.imagePrompt());
        List<String> problems = DraftCheck.problems(edited);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(String.join("; ", problems));
        }
        return edited;
    }

    private Views.ReviewItem item(PendingReview review) {
        return new Views.ReviewItem(
                review.requestId(),
                review.topic(),
                review.title(),
                review.summary(),
                review.tags(),
                imageUrl(review),
                review.owner(),
                review.createdAt(),
                review.awaitingSince(),
                review.costUsd());
    }

    private String imageUrl(PendingReview review) {
        if (review.imageKey() == null) {
            return null;
        }
        try {
            return images.get().urlFor(review.imageKey());
        } catch (NotFoundException e) {
            return null;
        }
    }

    /** For a router built without review routes wired (tests of other routes): every review route is a 404. */
    static ReviewApi none() {
        Supplier<Reviews> missing = () -> {
            throw ApiException.notFound("no request with this id is awaiting review");
        };
        return new ReviewApi(
                missing, () -> null, () -> null, () -> null, () -> null, () -> null, Clock.systemUTC(), Metrics.none());
    }
}
