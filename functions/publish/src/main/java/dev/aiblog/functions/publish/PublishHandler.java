package dev.aiblog.functions.publish;

import dev.aiblog.core.aws.AwsClients;
import dev.aiblog.core.config.PriceTable;
import dev.aiblog.core.config.Settings;
import dev.aiblog.core.lambda.JsonHandler;
import dev.aiblog.core.model.Draft;
import dev.aiblog.core.model.Post;
import dev.aiblog.core.model.Step;
import dev.aiblog.core.model.TokenUsage;
import dev.aiblog.core.steps.StepContracts.PublishInput;
import dev.aiblog.core.steps.StepContracts.PublishOutput;
import dev.aiblog.core.store.BlogStore;
import dev.aiblog.core.store.ContentStore;
import dev.aiblog.core.store.RequestStore;
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
public final class PublishHandler extends JsonHandler<PublishInput, PublishOutput> {
    private static final Logger LOG = LoggerFactory.getLogger(PublishHandler.class);

    private final RequestStore requests;
    private final BlogStore blogs;
    private final ContentStore content;
    private final PriceTable prices;
    private final String imageQuality;
    private final Clock clock;

    public PublishHandler() {
        this(Settings.fromEnvironment());
    }

    public PublishHandler(Settings settings) {
        this(new RequestStore(AwsClients.dynamoDb(settings), settings.requestsTable(), Clock.systemUTC()),
                new BlogStore(AwsClients.dynamoDb(settings), settings.blogsTable()),
                new ContentStore(AwsClients.s3(settings), settings.contentBucket()),
                PriceTable.load(settings), settings.imageQuality(), Clock.systemUTC());
    }

    public PublishHandler(RequestStore requests, BlogStore blogs, ContentStore content, PriceTable prices,
                          String imageQuality, Clock clock) {
        super(PublishInput.class);
        this.requests = requests;
        this.blogs = blogs;
        this.content = content;
        this.prices = prices;
        this.imageQuality = imageQuality;
        this.clock = clock;
    }

    @Override
    protected PublishOutput handle(PublishInput input) {
        Objects.requireNonNull(input.requestId(), "publish input has no requestId");
        Objects.requireNonNull(input.text(), "publish input has no text step result");
        Objects.requireNonNull(input.image(), "publish input has no image step result");
        String postId = input.requestId();
        var existing = blogs.find(postId);
        if (existing.isPresent()) {
            LOG.info("post {} was published before; nothing to do", postId);
            return new PublishOutput(postId, existing.get().costUsd(), true);
        }
        requests.enterStep(input.requestId(), Step.PUBLISH);
        Draft draft = content.getDraft(input.draftKey());
        if (!content.exists(input.imageKey())) {
            throw new dev.aiblog.core.errors.NotFoundException("image " + input.imageKey() + " is not in the bucket");
        }
        String bodyKey = content.putBody(postId, draft.body());
        TokenUsage textUsage = Objects.requireNonNullElse(input.text().usage(), TokenUsage.NONE);
        TokenUsage imageUsage = Objects.requireNonNullElse(input.image().usage(), TokenUsage.NONE);
        BigDecimal cost = prices.cost(input.text().model(), textUsage, input.image().model(), imageUsage, imageQuality);
        Post post = new Post(postId, input.requestId(), draft.title(), draft.summary(), draft.tags(), bodyKey,
                input.imageKey(), ReadingTime.minutes(draft.body()), input.text().model(), input.image().model(),
                textUsage, imageUsage, cost, input.text().provider(), input.text().offline(), Instant.now(clock), 0);
        boolean published = blogs.publish(post, requests.publishedWrite(input.requestId(), postId));
        if (!published) {
            LOG.info("post {} was published concurrently; nothing more to do", postId);
            return new PublishOutput(postId, blogs.find(postId).map(Post::costUsd).orElse(cost), true);
        }
        return new PublishOutput(postId, cost, false);
    }
}
