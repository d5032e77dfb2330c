package dev.aiblog.core.ports;

import dev.aiblog.core.model.PendingReview;
import dev.aiblog.core.model.ReviewDecision;
import java.util.List;
import java.util.Optional;

/**
 * The drafts awaiting an editor ({@code ReviewMode REQUIRED}), kept on their requests: the review step records a
 * draft and its task token ({@link #await}), the queue lists them oldest first ({@link #awaiting}), and an editor's
 * decision is taken exactly once ({@link #decide}).
 */
public interface Reviews {
    /**
     * A running request's draft now waits for an editor: AWAITING_REVIEW, step REVIEW, with its task token (a
     * repeated review step replaces the token). No-op when the request has ended or already has a decision.
     *
     * @return whether the request now awaits review
     */
    boolean await(PendingReview review);

    /** The draft awaiting review on this request; empty when there is none (no request, or not awaiting). */
    Optional<PendingReview> find(String requestId);

    /**
     * One page of the queue.
     *
     * @param nextAfter the position ({@code awaitingSince#requestId}) of the page's last draft when there may be
     *                  more, else null
     */
    record Page(List<PendingReview> reviews, String nextAfter) {
        public Page {
            reviews = List.copyOf(reviews);
        }
    }

    /**
     * The drafts awaiting review, oldest first (eventually consistent: a draft that just arrived, or was just
     * decided, may be missing or still listed).
     *
     * @param after a position from {@link Page#nextAfter()}, or null for the first page
     */
    Page awaiting(int limit, String after);

    /**
     * Takes an editor's decision, once: a conditional write that succeeds only while the request awaits review and
     * its deadline has not passed. Approve leaves the request RUNNING (step REVIEW) for the pipeline to publish;
     * reject ends it REJECTED with the reason. Either way it leaves the queue and records the editor.
     */
    Decided decide(ReviewDecision decision);

    /**
     * Takes back a decision the waiting execution never received ({@code SendTaskSuccess} failed for a reason other
     * than the task being gone): the draft awaits review again, with its token, so the editor can decide again.
     * Only this very decision is withdrawn (same editor, verdict and time).
     *
     * @return whether it was withdrawn
     */
    boolean withdraw(ReviewDecision decision, String taskToken);

    /** What became of a decision. */
    sealed interface Decided {
        /** Taken: the task token to hand the decision to the waiting execution with. */
        record Taken(String taskToken) implements Decided {}

        /** No such request. */
        record Missing() implements Decided {}

        /** The request is not awaiting review: already decided, ended, or never reviewed ({@code status} as it is). */
        record NotAwaiting(String status) implements Decided {}

        /** The review's deadline passed; the execution ends the request FAILED. */
        record Expired(java.time.Instant deadline) implements Decided {}
    }
}
