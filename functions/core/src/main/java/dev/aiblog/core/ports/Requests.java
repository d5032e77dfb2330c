package dev.aiblog.core.ports;

import dev.aiblog.core.errors.NotFoundException;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.Status;
import dev.aiblog.core.model.Step;
import java.util.List;
import java.util.Optional;

/**
 * The requests: one per accepted topic, with its status and current step. A status moves only forward: once a
 * request is PUBLISHED, REJECTED or FAILED, no later write changes it (writes after that are ignored, logged).
 */
public interface Requests {
    /** Stores a new request; false when one with this id already exists (nothing is overwritten). */
    boolean create(BlogRequest request);

    Optional<BlogRequest> find(String requestId);

    default BlogRequest get(String requestId) {
        return find(requestId).orElseThrow(() -> new NotFoundException("request " + requestId + " does not exist"));
    }

    /** Every request in one of {@code statuses}: a full read, for recovery after a crash, not for a request path. */
    List<BlogRequest> inStatus(Status... statuses);

    /** QUEUED → RUNNING, when the execution starts. No-op for a request past QUEUED. */
    void markRunning(String requestId);

    /**
     * Records the step a running request is in (and RUNNING, should the dispatcher's write be late).
     *
     * @return the result of this step an earlier attempt stored with {@link #saveResult}, if any (read by the same
     *     write: no extra read, and no extra permission)
     */
    Optional<StoredResult> enterStep(String requestId, Step step);

    /**
     * Keeps a step's result on the request, for a later attempt of the same request (the state machine's retry, or a
     * retry of the FAILED request) to reuse instead of paying for the model again; the results of the steps after it
     * are dropped, since they were made from an older one. Ignored once the request has ended.
     */
    void saveResult(String requestId, Step step, String resultJson);

    /** A step's result as {@link #saveResult} kept it, and when. */
    record StoredResult(String json, java.time.Instant storedAt) {}

    /** Ends a request REJECTED; {@code step} is null when it was refused before any step ran (the budget). */
    void markRejected(String requestId, Step step, List<String> categories, String reason);

    void markFailed(String requestId, String errorName, String reason);

    /**
     * FAILED → QUEUED for a retry, clearing the failure; the one way back from an end.
     *
     * @return the new attempt's number (2 for the first retry), or empty when the request is not FAILED
     */
    java.util.OptionalInt reopen(String requestId);

    /**
     * One page of an owner's requests, newest first.
     *
     * @param nextAfter the position ({@code createdAt#requestId}) of the last request on the page when there may be
     *                  more, else null
     */
    record OwnerPage(List<BlogRequest> requests, String nextAfter) {
        public OwnerPage {
            requests = List.copyOf(requests);
        }
    }

    /**
     * An owner's requests, newest first (eventually consistent: a request made a moment ago may be missing).
     *
     * @param after a position from {@link OwnerPage#nextAfter()}, or null for the first page
     */
    OwnerPage byOwner(String owner, int limit, String after);
}
