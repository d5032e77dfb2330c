package dev.aiblog.functions.review;

import dev.aiblog.aws.AwsWiring;
import dev.aiblog.core.config.PriceTable;
import dev.aiblog.core.config.Settings;
import dev.aiblog.core.lambda.StepHandler;
import dev.aiblog.core.metrics.Metrics;
import dev.aiblog.core.model.Draft;
import dev.aiblog.core.model.PendingReview;
import dev.aiblog.core.model.Status;
import dev.aiblog.core.model.Step;
import dev.aiblog.core.model.TokenUsage;
import dev.aiblog.core.ports.Content;
import dev.aiblog.core.ports.Requests;
import dev.aiblog.core.ports.Reviews;
import dev.aiblog.core.steps.StepContracts.ReviewInput;
import dev.aiblog.core.steps.StepContracts.ReviewOutput;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review step ({@code AwaitReview}, a {@code lambda:invoke.waitForTaskToken} task, only with
 * {@code ReviewMode REQUIRED}): records the draft awaiting an editor on its request, with the task token the API
 * continues the execution with, and marks the request AWAITING_REVIEW. It returns at once; the execution waits for
 * the editor's decision ({@code SendTaskSuccess}) or the review's timeout.
 */
public final class ReviewHandler extends StepHandler<ReviewInput, ReviewOutput> {
    private static final Logger LOG = LoggerFactory.getLogger(ReviewHandler.class);

    private final Reviews reviews;
    private final Requests requests;
    private final Content content;
    private final PriceTable prices;
    private final String imageQuality;
    private final Clock clock;

    public ReviewHandler() {
        this(Settings.fromEnvironment());
    }

    public ReviewHandler(Settings settings) {
        this(AwsWiring.of(settings));
    }

    private ReviewHandler(AwsWiring aws) {
        this(
                aws.requests(),
                aws.reviews(),
                aws.content(),
                PriceTable.load(aws.settings()),
                aws.settings().imageQuality(),
                aws.clock(),
                Metrics.forFunction(aws.settings()));
    }

    public ReviewHandler(
            Requests requests,
            Reviews reviews,
            Content content,
            PriceTable prices,
            String imageQuality,
            Clock clock,
            Metrics metrics) {
        super(ReviewInput.class, requests);
        useMetrics(metrics);
        this.requests = requests;
        this.reviews = reviews;
        this.content = content;
        this.prices = prices;
        this.imageQuality = imageQuality;
        this.clock = clock;
    }

    @Override
    protected void check(ReviewInput input) {
        Objects.requireNonNull(input.requestId(), "review input has no requestId");
        if (input.taskToken() == null || input.taskToken().isBlank()) {
            throw new IllegalArgumentException("review input has no taskToken (the state must pass $$.Task.Token)");
        }
        Objects.requireNonNull(input.draftKey(), "review input has no draftKey");
        Objects.requireNonNull(input.text(), "review input has no text step result");
        Objects.requireNonNull(input.image(), "review input has no image step result");
        if (input.timeoutSeconds() < 1) {
            throw new IllegalArgumentException("review input has no positive timeoutSeconds");
        }
    }

    @Override
    protected Step step(ReviewInput input) {
        return Step.REVIEW;
    }

    @Override
    protected ReviewOutput run(ReviewInput input) {
        Draft draft = content.getDraft(input.draftKey());
        Instant now = Instant.now(clock);
        Instant deadline = now.plusSeconds(input.timeoutSeconds());
        var request = requests.get(input.requestId());
        TokenUsage textUsage = Objects.requireNonNullElse(input.text().usage(), TokenUsage.NONE);
        TokenUsage imageUsage = Objects.requireNonNullElse(input.image().usage(), TokenUsage.NONE);
        BigDecimal cost =
                prices.cost(input.text().model(), textUsage, input.image().model(), imageUsage, imageQuality);
        boolean waiting = reviews.await(new PendingReview(
                input.requestId(),
                request.owner(),
                request.topic(),
                draft.title(),
                draft.summary(),
                draft.tags(),
                input.draftKey(),
                input.imageKey(),
                cost,
                request.createdAt(),
                now,
                deadline,
                input.taskToken()));
        if (!waiting) {
            Status status = requests.get(input.requestId()).status();
            LOG.warn("request {} is {}; not awaiting review", input.requestId(), status);
            return new ReviewOutput(input.requestId(), status.name(), null);
        }
        LOG.info("request {} awaits review until {}", input.requestId(), deadline);
        return new ReviewOutput(input.requestId(), Status.AWAITING_REVIEW.name(), deadline);
    }
}
