package dev.aiblog.core.model;

/** Where a request is in its life: {@code QUEUED -> RUNNING -> PUBLISHED | REJECTED | FAILED}. */
public enum Status {
    QUEUED,
    RUNNING,
    PUBLISHED,
    REJECTED,
    FAILED;

    public boolean terminal() {
        return this == PUBLISHED || this == REJECTED || this == FAILED;
    }
}
