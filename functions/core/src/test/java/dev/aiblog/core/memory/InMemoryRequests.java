package dev.aiblog.core.memory;

import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.Status;
import dev.aiblog.core.model.Step;
import dev.aiblog.core.ports.Requests;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * {@link Requests} in memory, with the same rules as the table: a status moves only forward, and writes to a request
 * that has ended are ignored. Records every step entered, for tests to assert on.
 */
public final class InMemoryRequests implements Requests {
    private final Map<String, BlogRequest> requests = new ConcurrentHashMap<>();
    private final List<String> stepsEntered = new CopyOnWriteArrayList<>();
    private final Clock clock;

    public InMemoryRequests(Clock clock) {
        this.clock = clock;
    }

    public InMemoryRequests() {
        this(Clock.systemUTC());
    }

    /** Every {@code requestId:STEP} entered, in order. */
    public List<String> stepsEntered() {
        return List.copyOf(stepsEntered);
    }

    @Override
    public boolean create(BlogRequest request) {
        return requests.putIfAbsent(request.requestId(), request) == null;
    }

    @Override
    public Optional<BlogRequest> find(String requestId) {
        return Optional.ofNullable(requests.get(requestId));
    }

    @Override
    public List<BlogRequest> inStatus(Status... statuses) {
        List<Status> wanted = Arrays.asList(statuses);
        return requests.values().stream()
                .filter(r -> wanted.contains(r.status()))
                .toList();
    }

    @Override
    public void markRunning(String requestId) {
        update(
                requestId,
                r -> r.status() != Status.QUEUED
                        ? r
                        : with(r, Status.RUNNING, r.step(), r.reason(), r.errorName(), r.categories(), r.postId()));
    }

    @Override
    public void enterStep(String requestId, Step step) {
        if (update(
                requestId,
                r -> r.status().terminal()
                        ? r
                        : with(r, Status.RUNNING, step, r.reason(), r.errorName(), r.categories(), r.postId()))) {
            stepsEntered.add(requestId + ":" + step);
        }
    }

    @Override
    public void markRejected(String requestId, Step step, List<String> categories, String reason) {
        update(
                requestId,
                r -> r.status().terminal() ? r : with(r, Status.REJECTED, step, reason, null, categories, null));
    }

    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    @Override
    public java.util.OptionalInt reopen(String requestId) {
        boolean[] done = {false};
        update(requestId, r -> {
            if (r.status() != Status.FAILED) {
                return r;
            }
            done[0] = true;
            return with(r, Status.QUEUED, null, null, null, List.of(), null);
        });
        return done[0]
                ? java.util.OptionalInt.of(attempts.merge(requestId, 2, (a, b) -> a + 1))
                : java.util.OptionalInt.empty();
    }

    @Override
    public void markFailed(String requestId, String errorName, String reason) {
        update(
                requestId,
                r -> r.status().terminal()
                        ? r
                        : with(r, Status.FAILED, r.step(), reason, errorName, r.categories(), null));
    }

    /** What the publish transaction does to the request: PUBLISHED with its post, unless it was rejected or failed. */
    public boolean markPublished(String requestId, String postId) {
        boolean[] done = {false};
        update(requestId, r -> {
            if (r.status() == Status.REJECTED || r.status() == Status.FAILED) {
                return r;
            }
            done[0] = true;
            return with(r, Status.PUBLISHED, Step.PUBLISH, null, null, r.categories(), postId);
        });
        return done[0];
    }

    @Override
    public OwnerPage byOwner(String owner, int limit, String after) {
        List<BlogRequest> mine = requests.values().stream()
                .filter(r -> owner.equals(r.owner()))
                .sorted(Comparator.comparing(BlogRequest::createdAt)
                        .thenComparing(BlogRequest::requestId)
                        .reversed())
                .filter(r -> after == null || (r.createdAt() + "#" + r.requestId()).compareTo(after) < 0)
                .toList();
        List<BlogRequest> page = mine.subList(0, Math.min(limit, mine.size()));
        String next = mine.size() > limit
                ? page.getLast().createdAt() + "#" + page.getLast().requestId()
                : null;
        return new OwnerPage(page, next);
    }

    /** Applies {@code change} to a request atomically (for the other in-memory ports on the same table). */
    public boolean change(String requestId, UnaryOperator<BlogRequest> change) {
        return update(requestId, change);
    }

    /** A copy of {@code r} with these fields, updated now. */
    public BlogRequest copy(BlogRequest r, Status status, Step step, String reason, String errorName) {
        return with(r, status, step, reason, errorName, r.categories(), r.postId());
    }

    private boolean update(String requestId, UnaryOperator<BlogRequest> change) {
        boolean[] changed = {false};
        requests.computeIfPresent(requestId, (id, r) -> {
            BlogRequest next = change.apply(r);
            changed[0] = next != r;
            return next;
        });
        return changed[0];
    }

    private BlogRequest with(
            BlogRequest r,
            Status status,
            Step step,
            String reason,
            String errorName,
            List<String> categories,
            String postId) {
        return new BlogRequest(
                r.requestId(),
                r.owner(),
                r.topic(),
                r.options(),
                status,
                step,
                r.createdAt(),
                Instant.now(clock),
                reason,
                errorName,
                categories,
                postId);
    }
}
