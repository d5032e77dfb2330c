package dev.aiblog.asl;

import java.util.Objects;

/**
 * Thrown by a {@link TaskHandler} to fail the Task state with a named error, the way a Lambda function's error type
 * becomes the error name that {@code Retry} and {@code Catch} match on.
 */
public class TaskFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String error;
    private final String cause;

    /**
     * @param error the error name that {@code ErrorEquals} matches, e.g. {@code RateLimited}; must not be blank
     * @param cause human-readable detail, may be {@code null}
     */
    public TaskFailedException(String error, String cause) {
        this(error, cause, null);
    }

    /** As {@link #TaskFailedException(String, String)}, keeping the exception that caused the failure. */
    public TaskFailedException(String error, String cause, Throwable throwable) {
        super(message(error, cause), throwable);
        this.error = error;
        this.cause = cause;
    }

    private static String message(String error, String cause) {
        Objects.requireNonNull(error, "error");
        if (error.isBlank()) {
            throw new IllegalArgumentException("error name must not be blank");
        }
        return cause == null ? error : error + ": " + cause;
    }

    /** The error name. */
    public String error() {
        return error;
    }

    /** The cause, or {@code null}. */
    public String cause() {
        return cause;
    }
}
