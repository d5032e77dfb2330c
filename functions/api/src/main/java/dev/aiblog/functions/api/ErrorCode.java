package dev.aiblog.functions.api;

/** The error codes of the HTTP API and the status each answers with. Clients switch on the code. */
public enum ErrorCode {
    VALIDATION_FAILED(400),
    INVALID_JSON(400),
    INVALID_CURSOR(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    CONFLICT(409),
    PAYLOAD_TOO_LARGE(413),
    /** The caller has used today's quota of new posts ({@code DAILY_POSTS_PER_USER}); {@code Retry-After} says when to try again. */
    QUOTA_EXCEEDED(429),
    /** This month's spending limit ({@code MONTHLY_BUDGET_USD}) is reached; the message says when it resets. */
    BUDGET_EXHAUSTED(429),
    INTERNAL(500);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
