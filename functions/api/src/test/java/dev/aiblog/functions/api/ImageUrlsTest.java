package dev.aiblog.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiblog.aws.AwsClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Image URLs that a browser can cache: the same URL for a while, and valid when handed out. */
class ImageUrlsTest {
    static final Duration TTL = Duration.ofMinutes(15);

    /** A clock the test moves. */
    static final class Hands extends Clock {
        Instant now;

        Hands(String start) {
            now = Instant.parse(start);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static ImageUrls urls(Clock clock) {
        var settings = TestAws.settings();
        return ImageUrls.presigned(AwsClients.s3Presigner(settings), settings.contentBucket(), TTL, clock);
    }

    @Test
    void theSameImageHasTheSameUrlUntilItsHalfOfTheLifetimeEnds() throws Exception {
        Hands clock = new Hands("2026-11-30T10:00:10Z");
        ImageUrls urls = urls(clock);

        String first = urls.urlFor("images/p1.png");
        Thread.sleep(1100); // a real second later the signature would differ
        clock.now = Instant.parse("2026-11-30T10:07:20Z");
        String sameWindow = urls.urlFor("images/p1.png");
        clock.now = Instant.parse("2026-11-30T10:07:31Z");
        String nextWindow = urls.urlFor("images/p1.png");

        assertThat(sameWindow).isEqualTo(first);
        assertThat(nextWindow).isNotEqualTo(first);
        assertThat(urls.urlFor("images/p2.png")).isNotEqualTo(nextWindow).contains("images/p2.png");
    }

    @Test
    void letsClientsCacheTheImageForHalfTheUrlsLifetime() {
        String url = urls(Clock.systemUTC()).urlFor("images/p1.png");

        assertThat(url)
                .contains("X-Amz-Expires=900")
                .contains("response-cache-control=private%2C%20max-age%3D450%2C%20immutable");
    }

    @Test
    void aUrlHandedOutNowOpensTheImageWithTheCacheHeader() throws Exception {
        String id = UUID.randomUUID().toString();
        var post = TestData.publish(id, "Cacheable images", List.of("s3"), Instant.now());
        String url = urls(Clock.systemUTC()).urlFor(post.imageKey());

        var response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith((byte) 0x89, (byte) 'P');
    }
}
