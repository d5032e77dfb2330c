package dev.aiblog.core.memory;

import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.PendingReview;
import dev.aiblog.core.model.ReviewDecision;
import dev.aiblog.core.model.Status;
import dev.aiblog.core.model.Step;
import dev.aiblog.core.ports.Reviews;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Reviews} in memory, on the requests of an {@link InMemoryRequests}, with the table's rules: a draft is in
 * the queue while its request is AWAITING_REVIEW, and a decision is taken once, before the deadline.
 */
public final class InMemoryReviews implements Reviews {
    private final InMemoryRequests requests;
    private final Map<String, PendingReview> pending = new ConcurrentHashMap<>();
    private final Map<String, String> editors = new ConcurrentHashMap<>();
    private final Map<String, PendingReview> decided = new ConcurrentHashMap<>();

    public InMemoryReviews(InMemoryRequests requests) {
        this.requests = requests;
    }

    /** The editor who decided on a request, if any. */
    public Optional<String> decidedBy(String requestId) {
        return Optional.ofNullable(editors.get(requestId));
    }

    @Override
    public synchronized boolean await(PendingReview review) {
        if (editors.containsKey(review.requestId())) {
            return false;
        }
        boolean changed = requests.change(
                review.requestId(),
                r -> r.status() == Status.RUNNING || r.status() == Status.AWAITING_REVIEW
                        ? requests.copy(r, Status.AWAITING_REVIEW, Step.REVIEW, null, null)
                        : r);
        if (changed) {
            pending.put(review.requestId(), review);
        }
        return changed;
    }

    @Override
    public Optional<PendingReview> find(String requestId) {
        return Optional.ofNullable(pending.get(requestId)).filter(r -> awaiting(r.requestId()));
    }

    @Override
    public Page awaiting(int limit, String after) {
        List<PendingReview> all = pending.values().stream()
                .filter(r -> awaiting(r.requestId()))
                .sorted(Comparator.comparing(PendingReview::awaitingSince).thenComparing(PendingReview::requestId))
                .filter(r -> after == null || r.position().compareTo(after) > 0)
                .toList();
        List<PendingReview> page = all.subList(0, Math.min(limit, all.size()));
        return new Page(page, all.size() > limit ? page.getLast().position() : null);
    }

    @Override
    public synchronized Decided decide(ReviewDecision decision) {
        Optional<BlogRequest> request = requests.find(decision.requestId());
        if (request.isEmpty()) {
            return new Decided.Missing();
        }
        PendingReview review = pending.get(decision.requestId());
        if (request.get().status() != Status.AWAITING_REVIEW || review == null) {
            return new Decided.NotAwaiting(request.get().status().name());
        }
        if (!decision.at().isBefore(review.deadline())) {
            return new Decided.Expired(review.deadline());
        }
        requests.change(
                decision.requestId(),
                r -> decision.verdict() == ReviewDecision.Verdict.APPROVE
                        ? requests.copy(r, Status.RUNNING, Step.REVIEW, null, null)
                        : requests.copy(r, Status.REJECTED, Step.REVIEW, decision.reason(), null));
        decided.put(decision.requestId(), pending.remove(decision.requestId()));
        editors.put(decision.requestId(), decision.editor());
        return new Decided.Taken(review.taskToken());
    }

    @Override
    public synchronized boolean withdraw(ReviewDecision decision, String taskToken) {
        PendingReview review = decided.get(decision.requestId());
        if (review == null || !decision.editor().equals(editors.get(decision.requestId()))) {
            return false;
        }
        requests.change(decision.requestId(), r -> requests.copy(r, Status.AWAITING_REVIEW, Step.REVIEW, null, null));
        pending.put(decision.requestId(), review);
        decided.remove(decision.requestId());
        editors.remove(decision.requestId());
        return true;
    }

    private boolean awaiting(String requestId) {
        return requests.find(requestId)
                .map(r -> r.status() == Status.AWAITING_REVIEW)
                .orElse(false);
    }
}
