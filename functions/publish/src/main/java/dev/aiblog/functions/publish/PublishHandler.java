package dev.aiblog.functions.publish;

import dev.aiblog.aws.AwsWiring;
import dev.aiblog.core.config.PriceTable;
import dev.aiblog.core.config.Settings;
import dev.aiblog.core.lambda.StepHandler;
import dev.aiblog.core.metrics.Metrics;
import dev.aiblog.core.model.Draft;
import dev.aiblog.core.model.Post;
import dev.aiblog.core.model.Step;
import dev.aiblog.core.model.TokenUsage;
import dev.aiblog.core.ports.Content;
import dev.aiblog.core.ports.Ledger;
import dev.aiblog.core.ports.Posts;
import dev.aiblog.core.ports.Requests;
import dev.aiblog.core.steps.StepContracts.PublishInput;
import dev.aiblog.core.steps.StepContracts.PublishOutput;
import dev.aiblog.core.text.ReadingTime;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publish: the post's body to S3, then one DynamoDB transaction writes the post, its tag entries and the
 * request's PUBLISHED mark. The post id is the request id and the post is written only if absent, so a retried
 * or repeated Publish leaves exactly one post.
 */
public final class PublishHandler extends StepHandler<PublishInput, PublishOutput> {
    private static final Logger LOG = LoggerFactory.getLogger(PublishHandler.class);

    private final Posts blogs;
    private final Content content;
    private final PriceTable prices;
    private final String imageQuality;
    private final Clock clock;
    private final Ledger ledger;
    private final Metrics metrics;

    public PublishHandler() {
        this(Settings.fromEnvironment());
    }

    public PublishHandler(Settings settings) {
        this(AwsWiring.of(settings));
    }

    private PublishHandler(AwsWiring aws) {
        this(
                aws.requests(),
                aws.posts(),
                aws.content(),
                PriceTable.load(aws.settings()),
                aws.settings().imageQuality(),
                aws.clock(),
                aws.ledger(),
                Metrics.forFunction(aws.settings()));
    }

    /** @param ledger where each post's cost is added to its month, once (the budget is checked against it) */
    public PublishHandler(
            Requests requests,
            Posts blogs,
            Content content,
            PriceTable prices,
            String imageQuality,
            Clock clock,
            Ledger ledger) {
        this(requests, blogs, content, prices, imageQuality, clock, ledger, Metrics.none());
    }

    /** @param metrics where PostsPublished, CostUsd, Tokens and MonthToDateSpendUsd go (the budget alarms read the last) */
    public PublishHandler(
            Requests requests,
            Posts blogs,
            Content content,
            PriceTable prices,
            String imageQuality,
            Clock clock,
            Ledger ledger,
            Metrics metrics) {
        super(PublishInput.class, requests);
        this.ledger = ledger;
        this.metrics = metrics;
        useMetrics(metrics);
        this.blogs = blogs;
        this.content = content;
        this.prices = prices;
        this.imageQuality = imageQuality;
        this.clock = clock;
    }

    @Override
    protected void check(PublishInput input) {
        Objects.requireNonNull(input.requestId(), "publish input has no requestId");
        Objects.requireNonNull(input.text(), "publish input has no text step result");
        Objects.requireNonNull(input.image(), "publish input has no image step result");
    }

    @Override
    protected Step step(PublishInput input) {
        return Step.PUBLISH;
    }

    @Override
    protected PublishOutput run(PublishInput input) {
        String postId = input.requestId();
        var existing = blogs.find(postId);
        if (existing.isPresent()) {
            LOG.info("post {} was published before; its cost is in the ledger", postId);
            record(existing.get());
            return new PublishOutput(postId, existing.get().costUsd(), true);
        }
        Draft draft = content.getDraft(input.draftKey());
        if (!content.exists(input.imageKey())) {
            throw new dev.aiblog.core.errors.NotFoundException("image " + input.imageKey() + " is not in the bucket");
        }
        String bodyKey = content.putBody(postId, draft.body());
        TokenUsage textUsage = Objects.requireNonNullElse(input.text().usage(), TokenUsage.NONE);
        TokenUsage imageUsage = Objects.requireNonNullElse(input.image().usage(), TokenUsage.NONE);
        BigDecimal cost =
                prices.cost(input.text().model(), textUsage, input.image().model(), imageUsage, imageQuality);
        Post post = Post.builder()
                .id(postId)
                .requestId(input.requestId())
                .title(draft.title())
                .summary(draft.summary())
                .tags(draft.tags())
                .bodyKey(bodyKey)
                .imageKey(input.imageKey())
                .readingTimeMinutes(ReadingTime.minutes(draft.body()))
                .textModel(input.text().model())
                .imageModel(input.image().model())
                .textUsage(textUsage)
                .imageUsage(imageUsage)
                .costUsd(cost)
                .provider(input.text().provider())
                .offline(input.text().offline())
                .publishedAt(Instant.now(clock))
                .reviewedBy(input.reviewedBy())
                .build();
        boolean published = blogs.publish(post);
        if (!published) {
            LOG.info("post {} was published concurrently; nothing more to do", postId);
            Post stored = blogs.find(postId).orElse(post);
            record(stored);
            return new PublishOutput(postId, stored.costUsd(), true);
        }
        java.time.YearMonth month = record(post);
        metrics.record(postId)
                .count("PostsPublished", 1)
                .usd("CostUsd", cost)
                .count(
                        "Tokens",
                        textUsage.inputTokens()
                                + textUsage.outputTokens()
                                + imageUsage.inputTokens()
                                + imageUsage.outputTokens())
                .usd("MonthToDateSpendUsd", ledger.monthTotal(month))
                .emit();
        return new PublishOutput(postId, cost, false);
    }

    /**
     * Adds the post's cost to the month it was published in. After the post, so a failure here is retried by the
     * state machine and the repeat (which finds the post) records it; the ledger counts each post once.
     */
    private java.time.YearMonth record(Post post) {
        Instant at = post.publishedAt() == null ? Instant.now(clock) : post.publishedAt();
        java.time.YearMonth month = java.time.YearMonth.from(at.atZone(java.time.ZoneOffset.UTC));
        ledger.record(post.id(), month, post.costUsd() == null ? BigDecimal.ZERO : post.costUsd());
        return month;
    }
}
