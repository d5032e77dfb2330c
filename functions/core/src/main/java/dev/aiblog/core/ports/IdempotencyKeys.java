package dev.aiblog.core.ports;

import java.time.Instant;
import java.util.Optional;

/** {@code Idempotency-Key}s: each stands for the request it first made, until it expires. */
public interface IdempotencyKeys {
    /** What a key already stands for. */
    record Record(String id, String requestId, String fingerprint, boolean enqueued, Instant expiresAt) {}

    /**
     * Claims {@code id} for a new request, unless a live claim exists.
     *
     * @return empty when this call made the claim; otherwise the claim that was already there
     */
    Optional<Record> claim(String id, String requestId, String fingerprint, Instant now, Instant expiresAt);

    /** Records that the request of {@code id} is on the queue, so a replay need not send it again. */
    void markEnqueued(String id);

    Optional<Record> find(String id);
}
