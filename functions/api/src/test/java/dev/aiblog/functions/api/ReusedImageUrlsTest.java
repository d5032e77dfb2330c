package dev.aiblog.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReusedImageUrlsTest {
    static final Duration TTL = Duration.ofMinutes(15);

    /** A signer that records what it signed and numbers its URLs. */
    final List<String> signed = new ArrayList<>();
    final ImageUrls signer = key -> {
        signed.add(key);
        return "https://bucket/" + key + "?sig=" + signed.size();
    };
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    final ReusedImageUrls urls = new ReusedImageUrls(signer, TTL, clock, 100);

    @Test
    void reusesAUrlWhileHalfItsLifetimeIsLeft() {
        String first = urls.urlFor("images/a.png");
        clock.advance(TTL.dividedBy(2).minusSeconds(1));

        String again = urls.urlFor("images/a.png");

        assertThat(again).isEqualTo(first);
        assertThat(signed).containsExactly("images/a.png");
    }

    @Test
    void signsANewUrlOnceHalfItsLifetimeHasPassed() {
        String first = urls.urlFor("images/a.png");
        clock.advance(TTL.dividedBy(2));

        String next = urls.urlFor("images/a.png");

        assertThat(next).isNotEqualTo(first);
        assertThat(signed).containsExactly("images/a.png", "images/a.png");
    }

    @Test
    void keysHaveTheirOwnUrls() {
        assertThat(urls.urlFor("images/a.png")).isNotEqualTo(urls.urlFor("images/b.png"));
        assertThat(urls.urlFor(null)).isNull();
        assertThat(signed).containsExactly("images/a.png", "images/b.png");
    }

    @Test
    void staysWithinItsCapacity() {
        ReusedImageUrls small = new ReusedImageUrls(signer, TTL, clock, 2);
        small.urlFor("images/a.png");
        small.urlFor("images/b.png");

        small.urlFor("images/c.png");
        small.urlFor("images/a.png");

        // the third key found the map full of live entries and cleared it, so a is signed again
        assertThat(signed).containsExactly("images/a.png", "images/b.png", "images/c.png", "images/a.png");
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
