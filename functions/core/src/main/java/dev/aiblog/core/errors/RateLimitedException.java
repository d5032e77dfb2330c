package dev.aiblog.core.errors;

/** The model provider answered 429 (rate limited). The state machine retries with exponential backoff and full jitter. */
public class RateLimitedException extends PipelineException {
    public RateLimitedException(String message) {
        super(message, null);
    }

    public RateLimitedException(String message, Throwable cause) {
        super(message, cause);
    }
}
