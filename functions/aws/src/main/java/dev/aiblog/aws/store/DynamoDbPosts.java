package dev.aiblog.aws.store;

import static dev.aiblog.aws.store.Attr.bool;
import static dev.aiblog.aws.store.Attr.list;
import static dev.aiblog.aws.store.Attr.n;
import static dev.aiblog.aws.store.Attr.s;

import dev.aiblog.core.errors.NotFoundException;
import dev.aiblog.core.model.FeedPosition;
import dev.aiblog.core.model.Post;
import dev.aiblog.core.model.Tag;
import dev.aiblog.core.model.TokenUsage;
import dev.aiblog.core.ports.Posts;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * {@link Posts} in DynamoDB. The Blogs table (single-table design, keys {@code pk}/{@code sk}):
 * <ul>
 *   <li>post: {@code pk=POST#id, sk=POST}, in the {@code Feed} index under {@code feedPk=FEED};</li>
 *   <li>tag: {@code pk=POST#id, sk=TAG#tag}, in the {@code Feed} index under {@code feedPk=TAG#tag};</li>
 *   <li>like: {@code pk=POST#id, sk=LIKE#user}.</li>
 * </ul>
 * {@code feedSk} is {@code publishedAt#id}, so the index reads newest first with a stable order. The post's
 * {@code likes} counter moves only together with a like item, in one transaction.
 */
public final class DynamoDbPosts implements Posts {
    public static final String FEED_INDEX = "Feed";
    public static final String FEED_ALL = "FEED";

    private final DynamoDbClient dynamo;
    private final String table;
    private final DynamoDbRequests requests;

    /** @param requests the Requests table, whose PUBLISHED mark is written in the same transaction as a post */
    public DynamoDbPosts(DynamoDbClient dynamo, String table, DynamoDbRequests requests) {
        this.dynamo = dynamo;
        this.table = table;
        this.requests = requests;
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

    public static String tagFeedPk(Tag tag) {
        return "TAG#" + tag.value();
    }

    private static String tagSk(Tag tag) {
        return "TAG#" + tag.value();
    }

    /** Writes the post, its tag entries and the request's PUBLISHED mark in one transaction. */
    @Override
    public boolean publish(Post post) {
        TransactWriteItem alongside = requests.publishedWrite(post.requestId(), post.id());
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(table)
                        .item(toItem(post))
                        .conditionExpression("attribute_not_exists(pk)")
                        .build())
                .build());
        for (String name : post.tags()) {
            Tag tag = Tag.of(name);
            Map<String, AttributeValue> tagItem = new HashMap<>();
            tagItem.put("pk", s(postPk(post.id())));
            tagItem.put("sk", s(tagSk(tag)));
            tagItem.put("feedPk", s(tagFeedPk(tag)));
            tagItem.put("feedSk", s(FeedPosition.of(post).toString()));
            tagItem.put("postId", s(post.id()));
            writes.add(TransactWriteItem.builder()
                    .put(Put.builder().tableName(table).item(tagItem).build())
                    .build());
        }
        writes.add(alongside);
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes).clientRequestToken(publishToken(post.id())));
            return true;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (!reasons.isEmpty()
                    && "ConditionalCheckFailed".equals(reasons.getFirst().code())) {
                return false;
            }
            throw e;
        }
    }

    /** DynamoDB allows at most 36 characters in a ClientRequestToken: a name-based UUID of the post id fits any id. */
    static String publishToken(String postId) {
        return UUID.nameUUIDFromBytes(("publish-" + postId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    @Override
    public Optional<Post> find(String postId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                        .key(Map.of("pk", s(postPk(postId)), "sk", s("POST")))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /** Counts the items stored for a post id of a given kind ({@code POST}, {@code TAG#}, {@code LIKE#}). */
    public int countItems(String postId, String skPrefix) {
        return dynamo.query(b -> b.tableName(table)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", s(postPk(postId)), ":prefix", s(skPrefix)))
                        .consistentRead(true))
                .count();
    }

    /**
     * Reads the feed from the {@code Feed} index. It asks for one item more than {@code limit} so the last page is
     * known to be the last, and a returned position always leads to more posts (barring deletions).
     */
    @Override
    public FeedPage feed(Tag tag, int limit, FeedPosition after) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        String feedPk = tag == null ? FEED_ALL : tagFeedPk(tag);
        var query = QueryRequest.builder()
                .tableName(table)
                .indexName(FEED_INDEX)
                .keyConditionExpression("feedPk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(feedPk)))
                .scanIndexForward(false)
                .limit(limit + 1);
        if (after != null) {
            query.exclusiveStartKey(Map.of(
                    "feedPk",
                    s(feedPk),
                    "feedSk",
                    s(after.toString()),
                    "pk",
                    s(postPk(after.postId())),
                    "sk",
                    s(tag == null ? "POST" : tagSk(tag))));
        }
        QueryResponse response = dynamo.query(query.build());
        List<Map<String, AttributeValue>> items = response.items();
        boolean more = items.size() > limit
                || (response.hasLastEvaluatedKey()
                        && !response.lastEvaluatedKey().isEmpty());
        List<Map<String, AttributeValue>> page = items.size() > limit ? items.subList(0, limit) : items;
        FeedPosition next = more && !page.isEmpty()
                ? Attr.str(page.getLast(), "feedSk")
                        .flatMap(FeedPosition::parse)
                        .orElse(null)
                : null;
        List<Post> posts = tag == null
                ? page.stream().map(DynamoDbPosts::fromItem).toList()
                : postsInOrder(page.stream()
                        .map(item -> Attr.str(item, "postId").orElseThrow())
                        .toList());
        return new FeedPage(posts, next);
    }

    /** Fetches posts by id in one batch per 100, keeping the order given; ids without a post are left out. */
    private List<Post> postsInOrder(List<String> postIds) {
        Map<String, Post> found = new HashMap<>();
        for (int from = 0; from < postIds.size(); from += 100) {
            List<Map<String, AttributeValue>> keys =
                    postIds.subList(from, Math.min(postIds.size(), from + 100)).stream()
                            .distinct()
                            .map(id -> Map.of("pk", s(postPk(id)), "sk", s("POST")))
                            .toList();
            Map<String, KeysAndAttributes> request = Map.of(
                    table,
                    KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            for (int attempt = 0; !request.isEmpty(); attempt++) {
                if (attempt > 0) {
                    pause(attempt);
                }
                Map<String, KeysAndAttributes> pending = request;
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(pending));
                response.responses().getOrDefault(table, List.of()).forEach(item -> {
                    Post post = fromItem(item);
                    found.put(post.id(), post);
                });
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                if (attempt > 8 && !request.isEmpty()) {
                    throw new IllegalStateException(
                            "DynamoDB left feed posts unprocessed after " + attempt + " attempts");
                }
            }
        }
        return postIds.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    /**
     * Records that {@code user} likes the post: in one transaction, the like item is added if absent and the
     * post's counter incremented. Liking twice changes nothing.
     *
     * @throws NotFoundException when there is no such post
     */
    @Override
    public Likes like(String postId, String user) {
        Map<String, AttributeValue> like = new HashMap<>(likeKey(postId, user));
        like.put("user", s(user));
        TransactWriteItem put = TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(table)
                        .item(like)
                        .conditionExpression("attribute_not_exists(pk)")
                        .build())
                .build();
        TransactWriteItem increment = TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(table)
                        .key(postKey(postId))
                        .updateExpression("SET likes = if_not_exists(likes, :zero) + :one")
                        .conditionExpression("attribute_exists(pk)")
                        .expressionAttributeValues(Map.of(":zero", n(0), ":one", n(1)))
                        .build())
                .build();
        List<String> reasons = transact(List.of(put, increment));
        if (!reasons.isEmpty() && CONDITION_FAILED.equals(reasons.get(1))) {
            throw new NotFoundException("post " + postId + " does not exist");
        }
        return new Likes(postId, likeCount(postId), true);
    }

    /**
     * Records that {@code user} no longer likes the post: in one transaction, the like item is removed if present
     * and the counter decremented, never below zero. Unliking what is not liked changes nothing.
     *
     * @throws NotFoundException when there is no such post
     */
    @Override
    public Likes unlike(String postId, String user) {
        TransactWriteItem delete = TransactWriteItem.builder()
                .delete(Delete.builder()
                        .tableName(table)
                        .key(likeKey(postId, user))
                        .conditionExpression("attribute_exists(pk)")
                        .build())
                .build();
        TransactWriteItem decrement = TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(table)
                        .key(postKey(postId))
                        .updateExpression("SET likes = likes - :one")
                        .conditionExpression("attribute_exists(pk) AND likes > :zero")
                        .expressionAttributeValues(Map.of(":zero", n(0), ":one", n(1)))
                        .build())
                .build();
        List<String> reasons = transact(List.of(delete, decrement));
        if (!reasons.isEmpty()) {
            if (find(postId).isEmpty()) {
                throw new NotFoundException("post " + postId + " does not exist");
            }
            if (!CONDITION_FAILED.equals(reasons.get(0))) {
                // the like was there but the counter was already 0: drop the like, keep the counter at 0
                dynamo.deleteItem(b -> b.tableName(table).key(likeKey(postId, user)));
            }
        }
        return new Likes(postId, likeCount(postId), false);
    }

    /** Whether {@code user} likes the post now: a consistent read of the like item (false for a post that does not exist). */
    @Override
    public boolean likedBy(String postId, String user) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                        .key(likeKey(postId, user))
                        .projectionExpression("pk")
                        .consistentRead(true))
                .item();
        return item != null && !item.isEmpty();
    }

    private static final String CONDITION_FAILED = "ConditionalCheckFailed";

    /**
     * Runs a transaction, retrying on conflicts with a concurrent one.
     *
     * @return empty when it committed; otherwise the cancellation reason code of each item ("None" for items that
     *     were fine), for transactions cancelled by a condition check
     */
    private List<String> transact(List<TransactWriteItem> writes) {
        for (int attempt = 0; ; attempt++) {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(writes));
                return List.of();
            } catch (TransactionCanceledException e) {
                List<String> codes = e.cancellationReasons().stream()
                        .map(r -> r.code() == null ? "None" : r.code())
                        .toList();
                if (codes.contains(CONDITION_FAILED) && codes.size() == writes.size()) {
                    return codes;
                }
                if (codes.contains("TransactionConflict") && attempt < 5) {
                    pause(attempt + 1);
                    continue;
                }
                throw e;
            }
        }
    }

    private long likeCount(String postId) {
        return find(postId)
                .map(Post::likes)
                .orElseThrow(() -> new NotFoundException("post " + postId + " does not exist"));
    }

    private static Map<String, AttributeValue> postKey(String postId) {
        return Map.of("pk", s(postPk(postId)), "sk", s("POST"));
    }

    private static Map<String, AttributeValue> likeKey(String postId, String user) {
        return Map.of("pk", s(postPk(postId)), "sk", s("LIKE#" + user));
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(
                    Math.min(200, 10L << attempt) + ThreadLocalRandom.current().nextInt(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a DynamoDB call", e);
        }
    }

    public static Map<String, AttributeValue> toItem(Post post) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(postPk(post.id())));
        item.put("sk", s("POST"));
        item.put("feedPk", s(FEED_ALL));
        item.put("feedSk", s(FeedPosition.of(post).toString()));
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
        if (post.reviewedBy() != null) {
            item.put("reviewedBy", s(post.reviewedBy()));
        }
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
                new TokenUsage(Attr.num(item, "imageInputTokens"), Attr.num(item, "imageOutputTokens"), (int)
                        Attr.num(item, "images")),
                item.containsKey("costUsd") ? new BigDecimal(item.get("costUsd").n()) : BigDecimal.ZERO,
                Attr.str(item, "provider").orElse(null),
                item.containsKey("offline")
                        && Boolean.TRUE.equals(item.get("offline").bool()),
                Attr.str(item, "publishedAt").map(Instant::parse).orElse(null),
                Math.max(0, Attr.num(item, "likes")),
                Attr.str(item, "reviewedBy").orElse(null));
    }
}
