package dev.aiblog.core.limits;

import dev.aiblog.core.ports.Quotas;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * How many posts one user may ask for per UTC day ({@code DAILY_POSTS_PER_USER}, default 20). Only new requests
 * count: an idempotent retry of an accepted request is answered before the quota is consulted.
 */
public final class Quota {
    private final int perDay;
    private final Quotas counters;
    private final Clock clock;

    public Quota(int perDay, Quotas counters, Clock clock) {
        this.perDay = perDay;
        this.counters = counters;
        this.clock = clock;
    }

    /** No quota. */
    public static Quota unlimited() {
        return new Quota(Integer.MAX_VALUE, null, Clock.systemUTC());
    }

    public int perDay() {
        return perDay;
    }

    /**
     * Counts one request for {@code owner}.
     *
     * @throws ExceededException when the owner has used today's quota
     */
    public void take(String owner) {
        if (counters == null || perDay == Integer.MAX_VALUE) {
            return;
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (!counters.take(owner, today, perDay)) {
            throw new ExceededException(perDay, today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        }
    }

    /** The caller's daily quota is used up; {@code resetsAt} is the next UTC midnight. */
    public static final class ExceededException extends RuntimeException {
        private final Instant resetsAt;

        public ExceededException(int perDay, Instant resetsAt) {
            super(
                    "You have asked for " + perDay + " posts today, the daily limit; you can ask again after "
                            + resetsAt + ".",
                    null,
                    false,
                    false);
            this.resetsAt = resetsAt;
        }

        public Instant resetsAt() {
            return resetsAt;
        }

        /** Whole seconds until the reset, at least 1: the {@code Retry-After} value. */
        public long retryAfterSeconds(Instant now) {
            return Math.max(1, java.time.Duration.between(now, resetsAt).toSeconds());
        }
    }
}
