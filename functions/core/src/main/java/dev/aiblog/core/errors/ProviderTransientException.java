package dev.aiblog.core.errors;

/** A transient provider failure: a 5xx answer, a timeout, or a dropped connection. Retried by the state machine. */
public class ProviderTransientException extends PipelineException {
    public ProviderTransientException(String message) {
        super(message, null);
    }

    public ProviderTransientException(String message, Throwable cause) {
        super(message, cause);
    }
}
