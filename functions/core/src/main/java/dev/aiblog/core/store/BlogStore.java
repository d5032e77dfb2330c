package dev.aiblog.core.store;

import static dev.aiblog.core.store.Attr.bool;
import static dev.aiblog.core.store.Attr.list;
import static dev.aiblog.core.store.Attr.n;
import static dev.aiblog.core.store.Attr.s;

import dev.aiblog.core.model.Post;
import dev.aiblog.core.model.TokenUsage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The Blogs table (single-table design, keys {@code pk}/{@code sk}):
 * <ul>
 *   <li>post: {@code pk=POST#id, sk=POST}, in the {@code Feed} index under {@code feedPk=FEED};</li>
 *   <li>tag: {@code pk=POST#id, sk=TAG#tag}, in the {@code Feed} index under {@code feedPk=TAG#tag};</li>
 *   <li>like: {@code pk=POST#id, sk=LIKE#user}.</li>
 * </ul>
 * {@code feedSk} is {@code publishedAt#id}, so the index reads newest first with a stable order.
 */
public final class BlogStore {
    public static final String FEED_INDEX = "Feed";
    public static final String FEED_ALL = "FEED";

    private final DynamoDbClient dynamo;
    private final String table;

    public BlogStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public String table() {
        return table;
    }

    public DynamoDbClient client() {
        return dynamo;
    }

    public static String postPk(String postId) {
        return "POST#" + postId;
    }

    public static String tagFeedPk(String tag) {
        return "TAG#" + tag.toLowerCase(Locale.ROOT);
    }

    public static String feedSk(Instant publishedAt, String postId) {
        return publishedAt + "#" + postId;
    }

    /**
     * Writes the post, its tag entries and {@code alongside} (the request's PUBLISHED mark) in one transaction.
     * The post is only written if it does not exist yet.
     *
     * @return true when this call published the post; false when it had been published before (nothing written)
     */
    public boolean publish(Post post, TransactWriteItem alongside) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(toItem(post))
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        for (String tag : post.tags()) {
            Map<String, AttributeValue> tagItem = new HashMap<>();
            tagItem.put("pk", s(postPk(post.id())));
            tagItem.put("sk", s("TAG#" + tag.toLowerCase(Locale.ROOT)));
            tagItem.put("feedPk", s(tagFeedPk(tag)));
            tagItem.put("feedSk", s(feedSk(post.publishedAt(), post.id())));
            tagItem.put("postId", s(post.id()));
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(tagItem).build()).build());
        }
        writes.add(alongside);
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes).clientRequestToken(("publish-" + post.id())));
            return true;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.getFirst().code())) {
                return false;
            }
            throw e;
        }
    }

    public Optional<Post> find(String postId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("pk", s(postPk(postId)), "sk", s("POST"))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /** Counts the items stored for a post id of a given kind ({@code POST}, {@code TAG#}, {@code LIKE#}). */
    public int countItems(String postId, String skPrefix) {
        return dynamo.query(b -> b.tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s(postPk(postId)), ":prefix", s(skPrefix)))
                .consistentRead(true)).count();
    }

    public static Map<String, AttributeValue> toItem(Post post) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(postPk(post.id())));
        item.put("sk", s("POST"));
        item.put("feedPk", s(FEED_ALL));
        item.put("feedSk", s(feedSk(post.publishedAt(), post.id())));
        item.put("id", s(post.id()));
        item.put("requestId", s(post.requestId()));
        item.put("title", s(post.title()));
        item.put("summary", s(post.summary()));
        item.put("tags", list(post.tags()));
        item.put("bodyKey", s(post.bodyKey()));
        item.put("imageKey", s(post.imageKey()));
        item.put("readingTimeMinutes", n(post.readingTimeMinutes()));
        item.put("textModel", s(post.textModel()));
        item.put("imageModel", s(post.imageModel()));
        item.put("textInputTokens", n(post.textUsage().inputTokens()));
        item.put("textOutputTokens", n(post.textUsage().outputTokens()));
        item.put("imageInputTokens", n(post.imageUsage().inputTokens()));
        item.put("imageOutputTokens", n(post.imageUsage().outputTokens()));
        item.put("images", n(post.imageUsage().images()));
        item.put("costUsd", n(post.costUsd().toPlainString()));
        item.put("provider", s(post.provider()));
        item.put("offline", bool(post.offline()));
        item.put("publishedAt", s(post.publishedAt().toString()));
        item.put("likes", n(post.likes()));
        return item;
    }

    public static Post fromItem(Map<String, AttributeValue> item) {
        return new Post(
                Attr.str(item, "id").orElseThrow(),
                Attr.str(item, "requestId").orElse(null),
                Attr.str(item, "title").orElse(""),
                Attr.str(item, "summary").orElse(""),
                Attr.strings(item, "tags"),
                Attr.str(item, "bodyKey").orElse(null),
                Attr.str(item, "imageKey").orElse(null),
                (int) Attr.num(item, "readingTimeMinutes"),
                Attr.str(item, "textModel").orElse(null),
                Attr.str(item, "imageModel").orElse(null),
                new TokenUsage(Attr.num(item, "textInputTokens"), Attr.num(item, "textOutputTokens"), 0),
                new TokenUsage(Attr.num(item, "imageInputTokens"), Attr.num(item, "imageOutputTokens"), (int) Attr.num(item, "images")),
                item.containsKey("costUsd") ? new BigDecimal(item.get("costUsd").n()) : BigDecimal.ZERO,
                Attr.str(item, "provider").orElse(null),
                item.containsKey("offline") && Boolean.TRUE.equals(item.get("offline").bool()),
                Attr.str(item, "publishedAt").map(Instant::parse).orElse(null),
                Math.max(0, Attr.num(item, "likes")));
    }
}
