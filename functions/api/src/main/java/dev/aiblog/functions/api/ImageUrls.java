package dev.aiblog.functions.api;

import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Short-lived GET URLs for the private images in the content bucket. */
@FunctionalInterface
public interface ImageUrls {
    /** A URL for the object at {@code key}; null for a null key. */
    String urlFor(String key);

    /** A fresh presigned URL on every call; see {@link #reusing} for what the API hands out. */
    static ImageUrls presigned(S3Presigner presigner, String bucket, Duration ttl) {
        return key -> key == null ? null : presigner.presignGetObject(p -> p.signatureDuration(ttl)
                .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toString();
    }

    /**
     * Presigned URLs reused while at least half their lifetime is left (see {@link ReusedImageUrls}): the
     * signing was half of a feed page's CPU, and an unchanged URL lets the app's image cache work.
     */
    static ImageUrls reusing(S3Presigner presigner, String bucket, Duration ttl, Clock clock) {
        return new ReusedImageUrls(presigned(presigner, bucket, ttl), ttl, clock, ReusedImageUrls.DEFAULT_CAPACITY);
    }
}
