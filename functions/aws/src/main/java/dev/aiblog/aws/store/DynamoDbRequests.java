package dev.aiblog.aws.store;

import static dev.aiblog.aws.store.Attr.list;
import static dev.aiblog.aws.store.Attr.s;

import dev.aiblog.core.errors.NotFoundException;
import dev.aiblog.core.model.Audience;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.Length;
import dev.aiblog.core.model.PostOptions;
import dev.aiblog.core.model.Status;
import dev.aiblog.core.model.Step;
import dev.aiblog.core.model.Tone;
import dev.aiblog.core.ports.Requests;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link Requests} in DynamoDB. The Requests table: one item per request, keyed by {@code requestId}. Status moves only forward: once a
 * request is PUBLISHED, REJECTED or FAILED, no later write changes its status (conditional updates).
 */
public final class DynamoDbRequests implements Requests {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbRequests.class);
    private static final String NOT_TERMINAL =
            "attribute_exists(requestId) AND NOT (#status IN (:published, :rejected, :failed))";

    /** An ended request leaves the review queue (a sparse index) and forgets its task token. */
    private static final String LEAVE_REVIEW = " REMOVE reviewQueue, taskToken";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoDbRequests(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    public String table() {
        return table;
    }

    /** Stores a new request; false when one with this id already exists (nothing is overwritten). */
    @Override
    public boolean create(BlogRequest request) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("requestId", s(request.requestId()));
        item.put("owner", s(request.owner()));
        item.put("topic", s(request.topic()));
        item.put("audience", s(request.options().audience().wire()));
        item.put("tone", s(request.options().tone().wire()));
        item.put("length", s(request.options().length().wire()));
        item.put("status", s(request.status().name()));
        item.put("createdAt", s(request.createdAt().toString()));
        item.put("updatedAt", s(request.updatedAt().toString()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(requestId)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<BlogRequest> find(String requestId) {
        Map<String, AttributeValue> item = dynamo.getItem(
                        b -> b.tableName(table).key(key(requestId)).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /** Every request in one of {@code statuses}: a full scan, for recovery after a crash, not for a request path. */
    @Override
    public List<BlogRequest> inStatus(Status... statuses) {
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            values.put(":s" + i, s(statuses[i].name()));
            names.add(":s" + i);
        }
        return dynamo
                .scanPaginator(b -> b.tableName(table)
                        .filterExpression("#status IN (" + String.join(", ", names) + ")")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(values)
                        .consistentRead(true))
                .items()
                .stream()
                .map(DynamoDbRequests::fromItem)
                .toList();
    }

    @Override
    public BlogRequest get(String requestId) {
        return find(requestId).orElseThrow(() -> new NotFoundException("request " + requestId + " does not exist"));
    }

    /** QUEUED → RUNNING, done by the dispatcher when the execution starts. No-op for a request past QUEUED. */
    @Override
    public void markRunning(String requestId) {
        update(
                requestId,
                "SET #status = :running, updatedAt = :now",
                "attribute_exists(requestId) AND #status = :queued",
                Map.of(":running", s(Status.RUNNING.name()), ":queued", s(Status.QUEUED.name())));
    }

    /** Records the step a running request is in (and RUNNING, should the dispatcher's write be late). */
    @Override
    public Optional<StoredResult> enterStep(String requestId, Step step) {
        // ALL_NEW hands back what earlier attempts stored, in the same write (UpdateItem's permission suffices);
        // a request in a step is not awaiting review (a re-driven execution, a retried review step)
        Write write = write(
                requestId,
                "SET #status = :running, #step = :step, updatedAt = :now" + LEAVE_REVIEW,
                NOT_TERMINAL,
                withTerminals(Map.of(":running", s(Status.RUNNING.name()), ":step", s(step.name()))),
                Map.of(),
                ReturnValue.ALL_NEW);
        if (write.refused()) {
            LOG.warn("request {} is {}; step {} not recorded", requestId, status(write.item()), step);
            return Optional.empty();
        }
        return storedResult(write.item(), step);
    }

    @Override
    public void saveResult(String requestId, Step step, String resultJson) {
        StringBuilder expression = new StringBuilder("SET #result = :result, updatedAt = :now");
        Map<String, String> names = new HashMap<>();
        names.put("#result", resultAttribute(step));
        String remove = java.util.Arrays.stream(Step.values())
                .filter(later -> later.ordinal() > step.ordinal())
                .map(later -> {
                    names.put("#later" + later.ordinal(), resultAttribute(later));
                    return "#later" + later.ordinal();
                })
                .collect(java.util.stream.Collectors.joining(", "));
        if (!remove.isEmpty()) {
            expression.append(" REMOVE ").append(remove);
        }
        AttributeValue result = AttributeValue.fromM(
                Map.of("json", s(resultJson), "storedAt", s(Instant.now(clock).toString())));
        if (write(
                        requestId,
                        expression.toString(),
                        NOT_TERMINAL,
                        withTerminals(Map.of(":result", result)),
                        names,
                        ReturnValue.NONE)
                .refused()) {
            LOG.warn("request {} has ended; the result of step {} is not kept", requestId, step);
        }
    }

    private static String resultAttribute(Step step) {
        return "result_" + step.name();
    }

    private static Optional<StoredResult> storedResult(Map<String, AttributeValue> item, Step step) {
        AttributeValue stored = item == null ? null : item.get(resultAttribute(step));
        if (stored == null || !stored.hasM() || !stored.m().containsKey("json")) {
            return Optional.empty();
        }
        AttributeValue at = stored.m().get("storedAt");
        return Optional.of(
                new StoredResult(stored.m().get("json").s(), at == null ? Instant.EPOCH : Instant.parse(at.s())));
    }

    @Override
    public void markRejected(String requestId, Step step, List<String> categories, String reason) {
        if (step == null) {
            // rejected before any step ran (the budget)
            terminal(
                    requestId,
                    Status.REJECTED,
                    "SET #status = :to, reason = :reason, categories = :categories, updatedAt = :now" + LEAVE_REVIEW,
                    Map.of(":reason", s(reason), ":categories", list(categories)));
            return;
        }
        terminal(
                requestId,
                Status.REJECTED,
                "SET #status = :to, #step = :step, reason = :reason, categories = :categories, updatedAt = :now"
                        + LEAVE_REVIEW,
                Map.of(":step", s(step.name()), ":reason", s(reason), ":categories", list(categories)));
    }

    @Override
    public void markFailed(String requestId, String errorName, String reason) {
        terminal(
                requestId,
                Status.FAILED,
                "SET #status = :to, errorName = :error, reason = :reason, updatedAt = :now" + LEAVE_REVIEW,
                Map.of(":error", s(errorName), ":reason", s(reason)));
    }

    @Override
    public java.util.OptionalInt reopen(String requestId) {
        try {
            var response = dynamo.updateItem(b -> b.tableName(table)
                    .key(key(requestId))
                    .updateExpression(
                            "SET #status = :queued, updatedAt = :now, attempt = if_not_exists(attempt, :one) + :one"
                                    + " REMOVE reason, errorName, #step, categories, reviewQueue, taskToken,"
                                    + " reviewedBy, reviewDecision, decidedAt, reviewDeadline")
                    .conditionExpression("attribute_exists(requestId) AND #status = :failed")
                    .expressionAttributeNames(Map.of("#status", "status", "#step", "step"))
                    .expressionAttributeValues(Map.of(
                            ":queued",
                            s(Status.QUEUED.name()),
                            ":failed",
                            s(Status.FAILED.name()),
                            ":now",
                            s(Instant.now(clock).toString()),
                            ":one",
                            AttributeValue.fromN("1")))
                    .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.UPDATED_NEW));
            return java.util.OptionalInt.of(
                    Integer.parseInt(response.attributes().get("attempt").n()));
        } catch (ConditionalCheckFailedException e) {
            return java.util.OptionalInt.empty();
        }
    }

    /** The write that marks a request PUBLISHED, for use inside the publish transaction. */
    public TransactWriteItem publishedWrite(String requestId, String postId) {
        Map<String, AttributeValue> values = withTerminals(Map.of(
                ":to",
                s(Status.PUBLISHED.name()),
                ":post",
                s(postId),
                ":step",
                s(Step.PUBLISH.name()),
                ":now",
                s(Instant.now(clock).toString())));
        values.remove(":published");
        return TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(table)
                        .key(key(requestId))
                        .updateExpression(
                                "SET #status = :to, #step = :step, postId = :post, updatedAt = :now REMOVE reason, errorName")
                        .conditionExpression("attribute_exists(requestId) AND NOT (#status IN (:rejected, :failed))")
                        .expressionAttributeNames(Map.of("#status", "status", "#step", "step"))
                        .expressionAttributeValues(values)
                        .build())
                .build();
    }

    private void terminal(String requestId, Status to, String expression, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = withTerminals(values);
        all.put(":to", s(to.name()));
        update(requestId, expression, NOT_TERMINAL, all).ifPresent(current -> {
            if (!to.name().equals(status(current))) {
                LOG.warn("request {} is already {}; not marking it {}", requestId, status(current), to);
            }
        });
    }

    /**
     * A conditional update.
     *
     * @return empty when it was applied; otherwise the item as it is (DynamoDB returns it with the refusal, so
     *     explaining a refusal costs no read and no {@code dynamodb:GetItem} permission), empty map if absent
     */
    private Optional<Map<String, AttributeValue>> update(
            String requestId, String expression, String condition, Map<String, AttributeValue> values) {
        Write write = write(requestId, expression, condition, values, Map.of(), ReturnValue.NONE);
        return write.refused() ? Optional.of(write.item()) : Optional.empty();
    }

    /** What a conditional write did: the item it returned (as {@code returned} asked), or the item that refused it. */
    private record Write(boolean refused, Map<String, AttributeValue> item) {}

    /** A conditional UpdateItem on a request, stamped {@code :now}; {@code #status} and {@code #step} are named. */
    private Write write(
            String requestId,
            String expression,
            String condition,
            Map<String, AttributeValue> values,
            Map<String, String> names,
            ReturnValue returned) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":now", s(Instant.now(clock).toString()));
        Map<String, String> allNames = new HashMap<>(names);
        allNames.put("#status", "status");
        if (expression.contains("#step")) {
            allNames.put("#step", "step");
        }
        try {
            var response = dynamo.updateItem(UpdateItemRequest.builder()
                    .tableName(table)
                    .key(key(requestId))
                    .updateExpression(expression)
                    .conditionExpression(condition)
                    .expressionAttributeNames(allNames)
                    .expressionAttributeValues(all)
                    .returnValues(returned)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return new Write(false, response.attributes());
        } catch (ConditionalCheckFailedException e) {
            return new Write(true, e.hasItem() ? e.item() : Map.of());
        }
    }

    private static String status(Map<String, AttributeValue> item) {
        AttributeValue status = item.get("status");
        return status == null ? "missing" : status.s();
    }

    private static Map<String, AttributeValue> withTerminals(Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":published", s(Status.PUBLISHED.name()));
        all.put(":rejected", s(Status.REJECTED.name()));
        all.put(":failed", s(Status.FAILED.name()));
        return all;
    }

    /** The Requests table's index of each owner's requests by creation time (template.yaml, RequestsTable). */
    public static final String BY_OWNER_INDEX = "ByOwner";

    /**
     * An owner's requests, newest first, from the {@value #BY_OWNER_INDEX} index (eventually consistent: a request
     * made a moment ago may be missing from the first read).
     *
     * @param after a position from {@link OwnerPage#nextAfter()}, or null for the first page
     */
    @Override
    public OwnerPage byOwner(String owner, int limit, String after) {
        var query = QueryRequest.builder()
                .tableName(table)
                .indexName(BY_OWNER_INDEX)
                .keyConditionExpression("#owner = :owner")
                .expressionAttributeNames(Map.of("#owner", "owner"))
                .expressionAttributeValues(Map.of(":owner", s(owner)))
                .scanIndexForward(false);
        IndexPages.Page found = IndexPages.query(
                dynamo, query, Map.entry("owner", s(owner)), "createdAt", limit, after, "the owner's requests");
        List<BlogRequest> page =
                found.items().stream().map(DynamoDbRequests::fromItem).toList();
        String nextAfter = found.more() && !page.isEmpty()
                ? page.getLast().createdAt() + "#" + page.getLast().requestId()
                : null;
        return new OwnerPage(page, nextAfter);
    }

    private static Map<String, AttributeValue> key(String requestId) {
        return Map.of("requestId", s(requestId));
    }

    static BlogRequest fromItem(Map<String, AttributeValue> item) {
        PostOptions options = new PostOptions(
                Attr.str(item, "audience").flatMap(Audience::parse).orElse(null),
                Attr.str(item, "tone").flatMap(Tone::parse).orElse(null),
                Attr.str(item, "length").flatMap(Length::parse).orElse(null));
        return new BlogRequest(
                Attr.str(item, "requestId").orElseThrow(),
                Attr.str(item, "owner").orElse(null),
                Attr.str(item, "topic").orElse(null),
                options,
                Status.valueOf(Attr.str(item, "status").orElseThrow()),
                Attr.str(item, "step").map(Step::valueOf).orElse(null),
                Attr.str(item, "createdAt").map(Instant::parse).orElse(null),
                Attr.str(item, "updatedAt").map(Instant::parse).orElse(null),
                Attr.str(item, "reason").orElse(null),
                Attr.str(item, "errorName").orElse(null),
                Attr.strings(item, "categories"),
                Attr.str(item, "postId").orElse(null));
    }
}
