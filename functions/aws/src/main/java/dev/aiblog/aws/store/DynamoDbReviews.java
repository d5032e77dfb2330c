package dev.aiblog.aws.store;

import static dev.aiblog.aws.store.Attr.list;
import static dev.aiblog.aws.store.Attr.s;

import dev.aiblog.core.model.PendingReview;
import dev.aiblog.core.model.ReviewDecision;
import dev.aiblog.core.model.Status;
import dev.aiblog.core.model.Step;
import dev.aiblog.core.ports.Reviews;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * {@link Reviews} on the Requests table: a draft awaiting review is its request's item with the review attributes
 * set, and {@code reviewQueue} (a constant) and {@code awaitingSince} are the keys of the sparse
 * {@value #REVIEW_QUEUE_INDEX} index, so the index holds exactly the drafts awaiting review, oldest first. Every write
 * that ends or decides a request removes {@code reviewQueue}, and with it the draft from the index.
 */
public final class DynamoDbReviews implements Reviews {
    /** The Requests table's index of drafts awaiting review (template.yaml, RequestsTable). */
    public static final String REVIEW_QUEUE_INDEX = "ReviewQueue";
    /** The one value of the index's partition key: the queue is small, and read oldest first as a whole. */
    static final String AWAITING = "AWAITING";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoDbReviews(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public boolean await(PendingReview review) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":awaiting", s(Status.AWAITING_REVIEW.name()));
        values.put(":running", s(Status.RUNNING.name()));
        values.put(":step", s(Step.REVIEW.name()));
        values.put(":queue", s(AWAITING));
        values.put(":since", s(review.awaitingSince().toString()));
        values.put(":deadline", s(review.deadline().toString()));
        values.put(":token", s(review.taskToken()));
        values.put(":title", s(review.title()));
        values.put(":summary", s(review.summary()));
        values.put(":tags", list(review.tags()));
        values.put(":draft", s(review.draftKey()));
        values.put(":image", s(review.imageKey()));
        values.put(":cost", AttributeValue.fromN(review.costUsd().toPlainString()));
        values.put(":now", s(Instant.now(clock).toString()));
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(key(review.requestId()))
                    .updateExpression("SET #status = :awaiting, #step = :step, reviewQueue = :queue,"
                            + " awaitingSince = :since, reviewDeadline = :deadline, taskToken = :token,"
                            + " reviewTitle = :title, reviewSummary = :summary, reviewTags = :tags,"
                            + " reviewDraftKey = :draft, reviewImageKey = :image, costSoFarUsd = :cost,"
                            + " updatedAt = :now")
                    // a repeated review step (a retry) replaces the token; nothing reopens a decided or ended request
                    .conditionExpression("attribute_exists(requestId) AND #status IN (:running, :awaiting)"
                            + " AND attribute_not_exists(reviewDecision)")
                    .expressionAttributeNames(Map.of("#status", "status", "#step", "step"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<PendingReview> find(String requestId) {
        Map<String, AttributeValue> item = dynamo.getItem(
                        b -> b.tableName(table).key(key(requestId)).consistentRead(true))
                .item();
        if (item == null
                || item.isEmpty()
                || !Status.AWAITING_REVIEW
                        .name()
                        .equals(Attr.str(item, "status").orElse(null))) {
            return Optional.empty();
        }
        return Optional.of(fromItem(item));
    }

    @Override
    public Page awaiting(int limit, String after) {
        var query = QueryRequest.builder()
                .tableName(table)
                .indexName(REVIEW_QUEUE_INDEX)
                .keyConditionExpression("reviewQueue = :queue")
                .expressionAttributeValues(Map.of(":queue", s(AWAITING)))
                .scanIndexForward(true);
        IndexPages.Page found = IndexPages.query(
                dynamo,
                query,
                Map.entry("reviewQueue", s(AWAITING)),
                "awaitingSince",
                limit,
                after,
                "the review queue");
        List<PendingReview> page =
                found.items().stream().map(DynamoDbReviews::fromItem).toList();
        boolean more = found.more();
        return new Page(page, more && !page.isEmpty() ? page.getLast().position() : null);
    }

    @Override
    public Decided decide(ReviewDecision decision) {
        boolean approve = decision.verdict() == ReviewDecision.Verdict.APPROVE;
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":awaiting", s(Status.AWAITING_REVIEW.name()));
        values.put(":to", s((approve ? Status.RUNNING : Status.REJECTED).name()));
        values.put(":editor", s(decision.editor()));
        values.put(":decision", s(decision.verdict().wire()));
        values.put(":at", s(decision.at().toString()));
        String setting = "SET #status = :to, reviewedBy = :editor, reviewDecision = :decision, decidedAt = :at,"
                + " updatedAt = :at";
        if (!approve) {
            values.put(":reason", s(decision.reason()));
            setting += ", reason = :reason";
        }
        String set = setting;
        try {
            var response = dynamo.updateItem(b -> b.tableName(table)
                    .key(key(decision.requestId()))
                    .updateExpression(set + " REMOVE reviewQueue, taskToken")
                    // ISO-8601 instants in UTC compare as strings: the deadline has not passed
                    .conditionExpression("#status = :awaiting AND attribute_not_exists(reviewDecision)"
                            + " AND reviewDeadline > :at")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_OLD)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new Decided.Taken(
                    Attr.str(response.attributes(), "taskToken").orElseThrow());
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> item = e.hasItem() ? e.item() : Map.of();
            if (item.isEmpty()) {
                return new Decided.Missing();
            }
            String status = Attr.str(item, "status").orElse("missing");
            Optional<Instant> deadline = Attr.str(item, "reviewDeadline").map(Instant::parse);
            if (Status.AWAITING_REVIEW.name().equals(status)
                    && deadline.isPresent()
                    && !decision.at().isBefore(deadline.get())) {
                return new Decided.Expired(deadline.get());
            }
            return new Decided.NotAwaiting(status);
        }
    }

    @Override
    public boolean withdraw(ReviewDecision decision, String taskToken) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":awaiting", s(Status.AWAITING_REVIEW.name()));
        values.put(":queue", s(AWAITING));
        values.put(":token", s(taskToken));
        values.put(":editor", s(decision.editor()));
        values.put(":decision", s(decision.verdict().wire()));
        values.put(":at", s(decision.at().toString()));
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(key(decision.requestId()))
                    .updateExpression("SET #status = :awaiting, reviewQueue = :queue, taskToken = :token,"
                            + " updatedAt = awaitingSince REMOVE reviewedBy, reviewDecision, decidedAt, reason")
                    .conditionExpression("reviewDecision = :decision AND reviewedBy = :editor AND decidedAt = :at")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(String requestId) {
        return Map.of("requestId", s(requestId));
    }

    static PendingReview fromItem(Map<String, AttributeValue> item) {
        return new PendingReview(
                Attr.str(item, "requestId").orElseThrow(),
                Attr.str(item, "owner").orElse(null),
                Attr.str(item, "topic").orElse(null),
                Attr.str(item, "reviewTitle").orElse(null),
                Attr.str(item, "reviewSummary").orElse(null),
                Attr.strings(item, "reviewTags"),
                Attr.str(item, "reviewDraftKey").orElse(null),
                Attr.str(item, "reviewImageKey").orElse(null),
                Optional.ofNullable(item.get("costSoFarUsd"))
                        .map(v -> new BigDecimal(v.n()))
                        .orElse(BigDecimal.ZERO),
                Attr.str(item, "createdAt").map(Instant::parse).orElse(null),
                Attr.str(item, "awaitingSince").map(Instant::parse).orElse(null),
                Attr.str(item, "reviewDeadline").map(Instant::parse).orElse(null),
                Attr.str(item, "taskToken").orElse(null));
    }
}
