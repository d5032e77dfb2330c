package dev.aiblog.functions.sweep;

import dev.aiblog.core.metrics.Metrics;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.Status;
import dev.aiblog.core.ports.RequestQueue;
import dev.aiblog.core.ports.Requests;
import dev.aiblog.core.steps.ExecutionInput;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds requests that can no longer end on their own and ends or re-drives them, so every accepted request reaches
 * PUBLISHED, REJECTED or FAILED. {@code stuckAfter} is longer than an execution may run (the state machine's
 * {@code TimeoutSeconds} plus time for the ExecutionEnded rule to deliver), so nothing it touches is still running:
 * <ul>
 *   <li>RUNNING and not updated for {@code stuckAfter}: the execution ended and its outcome was never written.
 *       The request ends FAILED, saying so.</li>
 *   <li>QUEUED for {@code stuckAfter}: its message never started an execution (the dead-letter queue, or lost).
 *       It is sent to the queue again (harmless twice: executions are named by request id); QUEUED for twice as
 *       long, it ends FAILED, saying it never started.</li>
 * </ul>
 * <ul>
 *   <li>AWAITING_REVIEW (review required) is neither: a draft may wait for an editor for {@code reviewTimeout}, and
 *       its execution ends it FAILED then. Only past {@code reviewTimeout} plus {@code stuckAfter} since it started
 *       waiting has that failed to happen, and the sweeper ends it FAILED.</li>
 * </ul>
 * Every sweep reports the queue of drafts awaiting review: {@code AwaitingReview} (how many) and
 * {@code OldestAwaitingReviewSeconds} (how long the oldest has waited; 0 for none), which an alarm watches.
 *
 * <p>A sweep is idempotent: ending a request is a conditional write that leaves an ended request alone, and a
 * re-drive of a request that has meanwhile started starts nothing.
 */
public final class Sweeper {
    private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);
    /** The error name a request the sweeper ends carries. */
    public static final String STUCK = "Sweeper.Stuck";

    private final Requests requests;
    private final RequestQueue queue;
    private final Duration stuckAfter;
    private final Duration reviewTimeout;
    private final Clock clock;
    private final Metrics metrics;

    public Sweeper(Requests requests, RequestQueue queue, Duration stuckAfter, Clock clock, Metrics metrics) {
        this(requests, queue, stuckAfter, Duration.ofDays(7), clock, metrics);
    }

    /** @param reviewTimeout how long a draft may wait for an editor ({@code ReviewTimeoutSeconds}) */
    public Sweeper(
            Requests requests,
            RequestQueue queue,
            Duration stuckAfter,
            Duration reviewTimeout,
            Clock clock,
            Metrics metrics) {
        this.reviewTimeout = reviewTimeout;
        this.requests = requests;
        this.queue = queue;
        this.stuckAfter = stuckAfter;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** What one sweep did. */
    public record Result(List<String> failed, List<String> redriven) {
        public Result {
            failed = List.copyOf(failed);
            redriven = List.copyOf(redriven);
        }
    }

    public Result sweep() {
        Instant now = Instant.now(clock);
        Instant stale = now.minus(stuckAfter);
        List<String> failed = new ArrayList<>();
        List<String> redriven = new ArrayList<>();
        int awaiting = 0;
        Instant oldest = null;
        for (BlogRequest request : requests.inStatus(Status.QUEUED, Status.RUNNING, Status.AWAITING_REVIEW)) {
            Instant updated = request.updatedAt() == null ? request.createdAt() : request.updatedAt();
            if (request.status() == Status.AWAITING_REVIEW) {
                // updatedAt is when it started waiting: nothing else writes to a request awaiting review
                if (updated != null && updated.isBefore(now.minus(reviewTimeout).minus(stuckAfter))) {
                    fail(
                            request,
                            "the review timed out (awaiting review since " + updated + ", longer than the review's "
                                    + reviewTimeout.toSeconds() + " s) and the pipeline did not record it;"
                                    + " nothing was published",
                            failed);
                } else {
                    awaiting++;
                    if (updated != null && (oldest == null || updated.isBefore(oldest))) {
                        oldest = updated;
                    }
                }
                continue;
            }
            if (updated == null || updated.isAfter(stale)) {
                continue;
            }
            if (request.status() == Status.RUNNING) {
                fail(
                        request,
                        "the pipeline stopped without recording an outcome (no progress since " + updated
                                + ", longer than an execution may run); nothing was published",
                        failed);
            } else if (request.createdAt() != null
                    && request.createdAt().isBefore(now.minus(stuckAfter.multipliedBy(2)))) {
                fail(
                        request,
                        "the request was never started (queued since " + request.createdAt()
                                + ", re-driven once); its queue message is in the dead-letter queue or was lost",
                        failed);
            } else {
                queue.send(ExecutionInput.of(request));
                redriven.add(request.requestId());
                LOG.info(
                        "request {}: QUEUED since {}; sent to the queue again",
                        request.requestId(),
                        request.createdAt());
            }
        }
        metrics.record(null)
                .count("AwaitingReview", awaiting)
                .seconds(
                        "OldestAwaitingReviewSeconds",
                        oldest == null ? 0 : Duration.between(oldest, now).toSeconds())
                .emit();
        return new Result(failed, redriven);
    }

    private void fail(BlogRequest request, String reason, List<String> failed) {
        requests.markFailed(request.requestId(), STUCK, reason);
        failed.add(request.requestId());
        metrics.record(request.requestId())
                .dimension("ErrorName", STUCK)
                .count("PostsFailed", 1)
                .emit();
        LOG.warn("request {}: ended FAILED: {}", request.requestId(), reason);
    }
}
