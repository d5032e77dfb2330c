package dev.aiblog.core.errors;

/**
 * A failure the state machine routes by name. Lambda's Java runtime reports a thrown exception's
 * fully qualified class name as the error type, and the ASL's Retry/Catch match those names.
 */
public abstract class PipelineException extends RuntimeException {
    protected PipelineException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The error name Step Functions sees for this failure. */
    public String errorName() {
        return getClass().getName();
    }
}
