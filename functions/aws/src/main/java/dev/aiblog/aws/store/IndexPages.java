package dev.aiblog.aws.store;

import static dev.aiblog.aws.store.Attr.s;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * One page of a Requests-table index whose keys are (partition, sort, {@code requestId}): the owner's requests, the
 * review queue. A page's position is {@code <sort value>#<requestId>} of its last item, which the next query starts
 * after; one item more than asked says whether another page follows.
 */
final class IndexPages {
    private IndexPages() {}

    /** The page's items, and whether more follow. */
    record Page(List<Map<String, AttributeValue>> items, boolean more) {}

    /**
     * @param query the index query, its key condition set; the limit and start key are set here
     * @param partition the partition key's name and value
     * @param sortKey the sort key's name
     * @param after a position from an earlier page, or null for the first
     * @param what what the index lists, for the message that refuses a malformed position
     */
    static Page query(
            DynamoDbClient dynamo,
            QueryRequest.Builder query,
            Map.Entry<String, AttributeValue> partition,
            String sortKey,
            int limit,
            String after,
            String what) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        query.limit(limit + 1);
        if (after != null) {
            int hash = after.indexOf('#');
            if (hash <= 0 || hash == after.length() - 1) {
                throw new IllegalArgumentException("not a position in " + what + ": " + after);
            }
            query.exclusiveStartKey(Map.of(
                    partition.getKey(),
                    partition.getValue(),
                    sortKey,
                    s(after.substring(0, hash)),
                    "requestId",
                    s(after.substring(hash + 1))));
        }
        var response = dynamo.query(query.build());
        List<Map<String, AttributeValue>> items = response.items();
        boolean more = items.size() > limit
                || (response.hasLastEvaluatedKey()
                        && !response.lastEvaluatedKey().isEmpty());
        return new Page(items.size() > limit ? items.subList(0, limit) : items, more);
    }
}
