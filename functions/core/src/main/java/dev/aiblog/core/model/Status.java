package dev.aiblog.core.model;

/**
 * Where a request is in its life: {@code QUEUED -> RUNNING -> PUBLISHED | REJECTED | FAILED}. With review required
 * ({@code ReviewMode REQUIRED}), a draft waits in {@code AWAITING_REVIEW} between RUNNING and its end: not terminal,
 * and not stuck either, for as long as its review may take.
 */
public enum Status {
    QUEUED,
    RUNNING,
    /** The draft and image are ready; an editor approves (then RUNNING to publish) or rejects it. */
    AWAITING_REVIEW,
    PUBLISHED,
    REJECTED,
    FAILED;

    public boolean terminal() {
        return this == PUBLISHED || this == REJECTED || this == FAILED;
    }
}
