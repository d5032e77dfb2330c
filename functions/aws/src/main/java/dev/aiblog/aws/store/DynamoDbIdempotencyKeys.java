package dev.aiblog.aws.store;

import static dev.aiblog.aws.store.Attr.n;
import static dev.aiblog.aws.store.Attr.s;

import dev.aiblog.core.ports.IdempotencyKeys;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The Idempotency table (key {@code id}, TTL attribute {@code expiresAt} in epoch seconds): one item per
 * idempotency key, remembering the request it made, a fingerprint of the request body, and whether the request
 * reached the queue. DynamoDB deletes expired items lazily (within days), so an expired item counts as absent.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/howitworks-ttl.html">DynamoDB TTL</a>
 */
public final class DynamoDbIdempotencyKeys implements IdempotencyKeys {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbIdempotencyKeys(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * Claims {@code id} for a new request, unless a live claim exists.
     *
     * @return empty when this call made the claim; otherwise the claim that was already there
     */
    @Override
    public Optional<Record> claim(String id, String requestId, String fingerprint, Instant now, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", s(id));
        item.put("requestId", s(requestId));
        item.put("fingerprint", s(fingerprint));
        item.put("state", s("CLAIMED"));
        item.put("createdAt", s(now.toString()));
        item.put("expiresAt", n(expiresAt.getEpochSecond()));
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(item)
                    .conditionExpression("attribute_not_exists(id) OR expiresAt < :now")
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()))));
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            return Optional.of(find(id).orElseThrow(() ->
                    new IllegalStateException("idempotency key " + id + " was claimed and is gone again")));
        }
    }

    /** Records that the request of {@code id} is on the queue, so a replay need not send it again. */
    @Override
    public void markEnqueued(String id) {
        dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of("id", s(id)))
                .updateExpression("SET #state = :enqueued")
                .conditionExpression("attribute_exists(id)")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":enqueued", s("ENQUEUED"))));
    }

    @Override
    public Optional<Record> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(
                        b -> b.tableName(table).key(Map.of("id", s(id))).consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Record(
                id,
                Attr.str(item, "requestId").orElseThrow(),
                Attr.str(item, "fingerprint").orElse(""),
                "ENQUEUED".equals(Attr.str(item, "state").orElse("")),
                Instant.ofEpochSecond(Attr.num(item, "expiresAt"))));
    }
}
