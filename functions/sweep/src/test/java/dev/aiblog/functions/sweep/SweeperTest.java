package dev.aiblog.functions.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiblog.core.memory.InMemoryRequestQueue;
import dev.aiblog.core.memory.InMemoryRequests;
import dev.aiblog.core.metrics.Metrics;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.PostOptions;
import dev.aiblog.core.model.Status;
import dev.aiblog.core.model.Step;
import dev.aiblog.core.steps.ExecutionInput;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SweeperTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final Duration BOUND = Duration.ofSeconds(4500);

    /** A clock that the test moves; requests are written at its current time. */
    private final MutableClock clock = new MutableClock(T0);

    private final InMemoryRequests requests = new InMemoryRequests(clock);
    private final InMemoryRequestQueue queue = new InMemoryRequestQueue();
    private final Sweeper sweeper = new Sweeper(requests, queue, BOUND, clock, Metrics.none());

    private BlogRequest request(String id) {
        BlogRequest request = BlogRequest.queued(id, "ann", "topic " + id, PostOptions.DEFAULT, clock.instant());
        requests.create(request);
        return request;
    }

    @Test
    void failsARequestStuckRunning_withAReason_andLeavesRecentAndEndedOnesAlone() {
        request("stuck");
        requests.enterStep("stuck", Step.TEXT);
        request("ended");
        requests.markFailed("ended", "RateLimitedException", "real failure");
        clock.set(T0.plus(BOUND).plusSeconds(1));
        request("recent");
        requests.enterStep("recent", Step.IMAGE);

        Sweeper.Result result = sweeper.sweep();

        assertThat(result.failed()).containsExactly("stuck");
        BlogRequest stuck = requests.get("stuck");
        assertThat(stuck.status()).isEqualTo(Status.FAILED);
        assertThat(stuck.errorName()).isEqualTo(Sweeper.STUCK);
        assertThat(stuck.reason()).contains("without recording an outcome");
        assertThat(requests.get("ended").reason()).isEqualTo("real failure");
        assertThat(requests.get("recent").status()).isEqualTo(Status.RUNNING);
    }

    @Test
    void redrivesARequestStuckQueuedOnce_thenFailsItWhenItStillNeverStarts() {
        BlogRequest queued = request("never-started");
        clock.set(T0.plus(BOUND).plusSeconds(1));

        Sweeper.Result first = sweeper.sweep();

        assertThat(first.redriven()).containsExactly("never-started");
        assertThat(queue.sent()).containsExactly(ExecutionInput.of(queued));
        assertThat(requests.get("never-started").status()).isEqualTo(Status.QUEUED);

        clock.set(T0.plus(BOUND.multipliedBy(2)).plusSeconds(1));
        Sweeper.Result later = sweeper.sweep();

        assertThat(later.failed()).containsExactly("never-started");
        assertThat(requests.get("never-started").reason()).contains("never started");
    }

    @Test
    void aSecondSweepChangesNothing() {
        request("stuck");
        requests.enterStep("stuck", Step.PUBLISH);
        clock.set(T0.plus(BOUND).plusSeconds(1));
        sweeper.sweep();
        BlogRequest after = requests.get("stuck");

        Sweeper.Result again = sweeper.sweep();

        assertThat(again.failed()).isEmpty();
        assertThat(again.redriven()).isEmpty();
        assertThat(requests.get("stuck")).isEqualTo(after);
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aDraftAwaitingReviewForDaysIsNotStuck_onlyPastItsReviewTimeoutAndTheBound() {
        Duration review = Duration.ofDays(7);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Metrics metrics = new Metrics("test", new java.io.PrintStream(out, true), clock);
        Sweeper sweeper = new Sweeper(requests, queue, BOUND, review, clock, metrics);
        request("waiting");
        requests.enterStep("waiting", Step.REVIEW);
        requests.change("waiting", r -> requests.copy(r, Status.AWAITING_REVIEW, Step.REVIEW, null, null));

        clock.set(T0.plus(Duration.ofDays(6)));
        Sweeper.Result inside = sweeper.sweep();

        assertThat(inside.failed()).isEmpty();
        assertThat(requests.get("waiting").status()).isEqualTo(Status.AWAITING_REVIEW);
        assertThat(out.toString())
                .contains("\"AwaitingReview\":1")
                .contains(
                        "\"OldestAwaitingReviewSeconds\":" + Duration.ofDays(6).toSeconds());

        clock.set(T0.plus(review).plus(BOUND).plusSeconds(1));
        Sweeper.Result past = sweeper.sweep();

        assertThat(past.failed()).containsExactly("waiting");
        assertThat(requests.get("waiting").status()).isEqualTo(Status.FAILED);
        assertThat(requests.get("waiting").reason()).contains("review timed out");
        assertThat(out.toString()).contains("\"AwaitingReview\":0");
    }
}
