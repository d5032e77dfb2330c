package dev.aiblog.core.limits;

import dev.aiblog.core.ports.Ledger;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The monthly spending limit ({@code MONTHLY_BUDGET_USD}; none when unset). Checked before money is spent: by the
 * API and the schedule before a request is queued, and by the dispatcher before an execution starts. Costs are
 * recorded when a post is published, so a burst overshoots by at most the requests already running when the
 * month's total reaches the limit.
 */
public final class Budget {
    private final Optional<BigDecimal> limit;
    private final Ledger ledger;
    private final Clock clock;

    public Budget(Optional<BigDecimal> limit, Ledger ledger, Clock clock) {
        this.limit = limit;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** No limit: never exhausted, and reads nothing. */
    public static Budget unlimited() {
        return new Budget(Optional.empty(), null, Clock.systemUTC());
    }

    public Optional<BigDecimal> limit() {
        return limit;
    }

    /** Empty while there is money left this month (or no limit); otherwise what was spent and when it resets. */
    public Optional<Exhausted> exhausted() {
        if (limit.isEmpty()) {
            return Optional.empty();
        }
        YearMonth month = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        BigDecimal spent = ledger.monthTotal(month);
        if (spent.compareTo(limit.get()) < 0) {
            return Optional.empty();
        }
        Instant resets = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return Optional.of(new Exhausted(limit.get(), spent, resets));
    }

    /** The month's spend has reached the limit. */
    public record Exhausted(BigDecimal limit, BigDecimal spent, Instant resetsAt) {
        /** A sentence naming the budget and when it resets: the API's message and a rejected request's reason. */
        public String reason() {
            return "The monthly budget of $" + limit.stripTrailingZeros().toPlainString() + " is spent ($"
                    + spent.stripTrailingZeros().toPlainString()
                    + " this month); new posts start again when it resets at "
                    + resetsAt + ".";
        }
    }

    /** Thrown by the intake when the budget is exhausted: nothing was queued. */
    public static final class ExhaustedException extends RuntimeException {
        private final Exhausted exhausted;

        public ExhaustedException(Exhausted exhausted) {
            super(exhausted.reason(), null, false, false);
            this.exhausted = exhausted;
        }

        public Exhausted exhausted() {
            return exhausted;
        }
    }
}
