package dev.aiblog.core.memory;

import dev.aiblog.core.ports.IdempotencyKeys;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link IdempotencyKeys} in memory: a live claim wins; an expired one counts as absent. */
public final class InMemoryIdempotencyKeys implements IdempotencyKeys {
    private final Map<String, Record> records = new ConcurrentHashMap<>();

    @Override
    public synchronized Optional<Record> claim(
            String id, String requestId, String fingerprint, Instant now, Instant expiresAt) {
        Record existing = records.get(id);
        if (existing != null && existing.expiresAt().isAfter(now)) {
            return Optional.of(existing);
        }
        records.put(id, new Record(id, requestId, fingerprint, false, expiresAt));
        return Optional.empty();
    }

    @Override
    public void markEnqueued(String id) {
        records.computeIfPresent(id, (k, r) -> new Record(r.id(), r.requestId(), r.fingerprint(), true, r.expiresAt()));
    }

    @Override
    public Optional<Record> find(String id) {
        return Optional.ofNullable(records.get(id));
    }
}
