package dev.aiblog.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiblog.core.intake.Accepted;
import dev.aiblog.core.intake.RequestIntake;
import dev.aiblog.core.intake.Submission;
import dev.aiblog.core.limits.Budget;
import dev.aiblog.core.limits.Quota;
import dev.aiblog.core.memory.InMemoryIdempotencyKeys;
import dev.aiblog.core.memory.InMemoryLedger;
import dev.aiblog.core.memory.InMemoryQuotas;
import dev.aiblog.core.memory.InMemoryRequestQueue;
import dev.aiblog.core.memory.InMemoryRequests;
import dev.aiblog.core.model.PostOptions;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The budget and the per-user quota, as the intake applies them before anything is queued. */
class IntakeLimitsTest {
    private static final Instant NOW = Instant.parse("2026-12-14T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryRequests requests = new InMemoryRequests(clock);
    private final InMemoryRequestQueue queue = new InMemoryRequestQueue();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final AtomicInteger ids = new AtomicInteger();

    private RequestIntake intake(Optional<BigDecimal> budget, int quota) {
        return new RequestIntake(
                requests,
                new InMemoryIdempotencyKeys(),
                queue,
                Duration.ofHours(24),
                clock,
                () -> "r" + ids.incrementAndGet(),
                new Budget(budget, ledger, clock),
                new Quota(quota, new InMemoryQuotas(), clock));
    }

    private static Submission topic(String topic) {
        return new Submission(topic, PostOptions.DEFAULT);
    }

    @Test
    void queuesNothingAndSaysWhenItResets_whenTheMonthsSpendHasReachedTheBudget() {
        RequestIntake intake = intake(Optional.of(new BigDecimal("0.05")), 20);
        intake.submit("ann", topic("first post"), Optional.empty());
        ledger.record("r1", YearMonth.of(2026, 12), new BigDecimal("0.05"));

        assertThatThrownBy(() -> intake.submit("ann", topic("second post"), Optional.empty()))
                .isInstanceOf(Budget.ExhaustedException.class)
                .hasMessageContaining("monthly budget of $0.05")
                .hasMessageContaining("2027-01-01T00:00:00Z");
        assertThatThrownBy(() -> intake.submitScheduled("scheduler", topic("a scheduled post"), Optional.of("tick#0")))
                .isInstanceOf(Budget.ExhaustedException.class);
        assertThat(queue.sent()).hasSize(1);
        assertThat(requests.inStatus(dev.aiblog.core.model.Status.values())).hasSize(1);
    }

    @Test
    void lastMonthsSpendDoesNotCountAgainstThisMonth() {
        RequestIntake intake = intake(Optional.of(new BigDecimal("1")), 20);
        ledger.record("old", YearMonth.of(2026, 11), new BigDecimal("5"));

        assertThat(intake.submit("ann", topic("a new month"), Optional.empty()).replayed())
                .isFalse();
    }

    @Test
    void refusesAUserPastTheDailyQuota_andLeavesAnotherUserAlone() {
        RequestIntake intake = intake(Optional.empty(), 2);
        intake.submit("ann", topic("one"), Optional.empty());
        intake.submit("ann", topic("two"), Optional.empty());

        assertThatThrownBy(() -> intake.submit("ann", topic("three"), Optional.empty()))
                .isInstanceOfSatisfying(Quota.ExceededException.class, e -> {
                    assertThat(e.resetsAt()).isEqualTo(Instant.parse("2026-12-15T00:00:00Z"));
                    assertThat(e.retryAfterSeconds(NOW)).isEqualTo(14 * 3600);
                });
        assertThat(intake.submit("bob", topic("bob's first"), Optional.empty()).replayed())
                .isFalse();
        assertThat(queue.sent())
                .extracting(i -> requests.get(i.requestId()).owner())
                .containsExactly("ann", "ann", "bob");
    }

    @Test
    void anIdempotentRetryOfAnAcceptedRequestIsNotCountedTwice() {
        RequestIntake intake = intake(Optional.empty(), 2);
        Accepted first = intake.submit("ann", topic("one"), Optional.of("key-1"));
        Accepted retry = intake.submit("ann", topic("one"), Optional.of("key-1"));
        Accepted again = intake.submit("ann", topic("one"), Optional.of("key-1"));
        Accepted second = intake.submit("ann", topic("two"), Optional.of("key-2"));

        assertThat(retry.requestId()).isEqualTo(first.requestId());
        assertThat(again.replayed()).isTrue();
        assertThat(second.replayed()).isFalse();
        assertThatThrownBy(() -> intake.submit("ann", topic("three"), Optional.of("key-3")))
                .isInstanceOf(Quota.ExceededException.class);
    }

    @Test
    void theScheduleIsUnderTheBudgetButNoUsersQuota() {
        RequestIntake intake = intake(Optional.empty(), 1);
        intake.submitScheduled("scheduler", topic("one"), Optional.of("t#0"));
        intake.submitScheduled("scheduler", topic("two"), Optional.of("t#1"));

        assertThat(queue.sent()).hasSize(2);
    }
}
