package dev.aiblog.core.memory;

import dev.aiblog.core.ports.Ledger;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Ledger} in memory: a post is counted once, as in the table. */
public final class InMemoryLedger implements Ledger {
    private final Map<String, BigDecimal> posts = new ConcurrentHashMap<>();
    private final Map<YearMonth, BigDecimal> months = new ConcurrentHashMap<>();

    @Override
    public BigDecimal monthTotal(YearMonth month) {
        return months.getOrDefault(month, BigDecimal.ZERO);
    }

    @Override
    public synchronized boolean record(String postId, YearMonth month, BigDecimal costUsd) {
        if (posts.putIfAbsent(postId, costUsd) != null) {
            return false;
        }
        months.merge(month, costUsd, BigDecimal::add);
        return true;
    }

    /** The cost recorded for a post, if any. */
    public BigDecimal recorded(String postId) {
        return posts.get(postId);
    }
}
