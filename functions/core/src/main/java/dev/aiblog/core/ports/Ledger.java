package dev.aiblog.core.ports;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * What has been spent on models: each published post's cost, once, and each month's (UTC) total. The budget is
 * checked against the month's total before any money is spent on a request.
 */
public interface Ledger {
    /** The month's total so far; zero for a month with nothing recorded. */
    BigDecimal monthTotal(YearMonth month);

    /**
     * Adds a post's cost to its month, once: recording the same post again changes nothing.
     *
     * @return true when this call recorded it, false when it was recorded before
     */
    boolean record(String postId, YearMonth month, BigDecimal costUsd);
}
