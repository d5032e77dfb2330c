package dev.aiblog.core.intake;

/**
 * A request taken in: its id, and whether an earlier call with the same idempotency key had already made it.
 */
public record Accepted(String requestId, boolean replayed) {}
