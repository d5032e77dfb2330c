package dev.aiblog.aws.store;

import static dev.aiblog.aws.store.Attr.n;
import static dev.aiblog.aws.store.Attr.s;

import dev.aiblog.core.ports.Quotas;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link Quotas} in the Idempotency table: one item {@code quota#<owner>#<day>} per owner and UTC day, counted up by
 * a conditional update (atomic, so concurrent requests cannot pass the limit together), and expired by the
 * table's TTL two days later.
 */
public final class DynamoDbQuotas implements Quotas {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbQuotas(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean take(String owner, LocalDate day, int limit) {
        long expires = day.plusDays(2).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("id", s("quota#" + owner + "#" + day)))
                    .updateExpression("SET expiresAt = :expires ADD #used :one")
                    .conditionExpression("attribute_not_exists(#used) OR #used < :limit")
                    .expressionAttributeNames(Map.of("#used", "used"))
                    .expressionAttributeValues(Map.of(":expires", n(expires), ":one", n(1), ":limit", n(limit))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
