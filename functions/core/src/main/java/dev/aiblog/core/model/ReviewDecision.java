package dev.aiblog.core.model;

import java.time.Instant;

/**
 * An editor's decision on a draft awaiting review.
 *
 * @param reason why it was rejected (shown to the requester); null when approved
 * @param at     when the decision was taken: it must be before the review's deadline
 */
public record ReviewDecision(String requestId, String editor, Verdict verdict, String reason, Instant at) {
    /** Approve (publish, with the editor's edits) or reject. */
    public enum Verdict {
        APPROVE,
        REJECT;

        /** As the API and the state machine write it: {@code approve}, {@code reject}. */
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
