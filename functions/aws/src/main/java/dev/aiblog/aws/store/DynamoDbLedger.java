package dev.aiblog.aws.store;

import static dev.aiblog.aws.store.Attr.s;

import dev.aiblog.core.ports.Ledger;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link Ledger} in DynamoDB. The Ledger table (key {@code pk}) holds {@code post#<id>} (the post's cost and month)
 * and {@code month#<yyyy-MM>} (the month's {@code totalUsd}). One transaction writes the post's item, only if
 * absent, and adds its cost to the month: a repeated record adds nothing.
 */
public final class DynamoDbLedger implements Ledger {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbLedger(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public BigDecimal monthTotal(YearMonth month) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                        .key(Map.of("pk", s("month#" + month)))
                        .consistentRead(true))
                .item();
        AttributeValue total = item == null ? null : item.get("totalUsd");
        return total == null || total.n() == null ? BigDecimal.ZERO : new BigDecimal(total.n());
    }

    @Override
    public boolean record(String postId, YearMonth month, BigDecimal costUsd) {
        AttributeValue cost = AttributeValue.fromN(costUsd.toPlainString());
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder()
                            .put(p -> p.tableName(table)
                                    .item(Map.of(
                                            "pk", s("post#" + postId), "month", s(month.toString()), "costUsd", cost))
                                    .conditionExpression("attribute_not_exists(pk)"))
                            .build(),
                    TransactWriteItem.builder()
                            .update(u -> u.tableName(table)
                                    .key(Map.of("pk", s("month#" + month)))
                                    .updateExpression("ADD totalUsd :cost, posts :one")
                                    .expressionAttributeValues(
                                            Map.of(":cost", cost, ":one", AttributeValue.fromN("1"))))
                            .build()));
            return true;
        } catch (TransactionCanceledException e) {
            boolean recordedBefore = e.hasCancellationReasons()
                    && !e.cancellationReasons().isEmpty()
                    && "ConditionalCheckFailed"
                            .equals(e.cancellationReasons().getFirst().code());
            if (recordedBefore) {
                return false;
            }
            throw e;
        }
    }
}
