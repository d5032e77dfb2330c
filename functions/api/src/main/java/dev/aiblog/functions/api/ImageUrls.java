package dev.aiblog.functions.api;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Short-lived GET URLs for the private images in the content bucket. */
@FunctionalInterface
public interface ImageUrls {
    /** A URL for the object at {@code key}; null for a null key. */
    String urlFor(String key);

    /** A fresh presigned URL on every call; see {@link #presigned(S3Presigner, String, Duration, Clock)} for what the API hands out. */
    static ImageUrls presigned(S3Presigner presigner, String bucket, Duration ttl) {
        return presigned(presigner, bucket, ttl, Clock.systemUTC());
    }

    /**
     * URLs that stay the same for a while, so a browser (which caches by URL) keeps a picture instead of
     * downloading it again on every feed refresh. A URL signed in one half-{@code ttl} window is handed out again
     * until that window ends, so every URL handed out has at least {@code ttl / 2} left; it asks S3 to let clients
     * cache the image that long (a post's image never changes). The memo is per function instance: instances
     * running side by side hand out different URLs for the same image.
     */
    static ImageUrls presigned(S3Presigner presigner, String bucket, Duration ttl, Clock clock) {
        long window = Math.max(1, ttl.toSeconds() / 2);
        record Signed(long window, String url) {}
        Map<String, Signed> memo = new ConcurrentHashMap<>();
        return key -> {
            if (key == null) {
                return null;
            }
            long current = Math.floorDiv(clock.instant().getEpochSecond(), window);
            Signed signed = memo.get(key);
            if (signed == null || signed.window() != current) {
                if (memo.size() > 10_000) {
                    memo.clear();
                }
                signed = new Signed(
                        current,
                        presigner
                                .presignGetObject(p -> p.signatureDuration(ttl)
                                        .getObjectRequest(g -> g.bucket(bucket)
                                                .key(key)
                                                .responseCacheControl("private, max-age=" + window + ", immutable")))
                                .url()
                                .toString());
                memo.put(key, signed);
            }
            return signed.url();
        };
    }
}
