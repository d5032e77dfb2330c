package dev.aiblog.core.intake;

/** An {@code Idempotency-Key} was used before with a different request body. */
public class IdempotencyConflictException extends RuntimeException {
    public IdempotencyConflictException(String message) {
        super(message);
    }
}
