package dev.aiblog.core.memory;

import dev.aiblog.core.ports.Quotas;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Quotas} in memory. */
public final class InMemoryQuotas implements Quotas {
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    @Override
    public synchronized boolean take(String owner, LocalDate day, int limit) {
        String key = owner + "#" + day;
        int used = counts.getOrDefault(key, 0);
        if (used >= limit) {
            return false;
        }
        counts.put(key, used + 1);
        return true;
    }
}
