package dev.aiblog.functions.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out the same presigned URL for a key while at least half of its lifetime is left, then signs a new one.
 * A client that receives a URL therefore always has at least {@code ttl / 2} to load it, as the API promises,
 * and the feed's pages stop re-signing the same twenty images. Bounded: past {@code capacity} entries the
 * expired ones go, and if none have, all do (a refill costs one signing per key).
 */
final class ReusedImageUrls implements ImageUrls {
    static final int DEFAULT_CAPACITY = 10_000;

    private record Signed(String url, Instant reuseUntil) {}

    private final ImageUrls signer;
    private final Duration reuseFor;
    private final Clock clock;
    private final int capacity;
    private final Map<String, Signed> urls = new ConcurrentHashMap<>();

    ReusedImageUrls(ImageUrls signer, Duration ttl, Clock clock, int capacity) {
        this.signer = signer;
        this.reuseFor = ttl.dividedBy(2);
        this.clock = clock;
        this.capacity = capacity;
    }

    @Override
    public String urlFor(String key) {
        if (key == null) {
            return null;
        }
        Instant now = clock.instant();
        Signed signed = urls.get(key);
        if (signed != null && now.isBefore(signed.reuseUntil())) {
            return signed.url();
        }
        // the lifetime counts from before the signing, so the URL's own expiry is never earlier than assumed
        Signed fresh = new Signed(signer.urlFor(key), now.plus(reuseFor));
        if (urls.size() >= capacity) {
            urls.values().removeIf(s -> !now.isBefore(s.reuseUntil()));
            if (urls.size() >= capacity) {
                urls.clear();
            }
        }
        urls.put(key, fresh);
        return fresh.url();
    }
}
