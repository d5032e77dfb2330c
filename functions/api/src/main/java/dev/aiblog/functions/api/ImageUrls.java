package dev.aiblog.functions.api;

import java.time.Duration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Short-lived GET URLs for the private images in the content bucket. */
@FunctionalInterface
public interface ImageUrls {
    /** A URL for the object at {@code key}; null for a null key. */
    String urlFor(String key);

    static ImageUrls presigned(S3Presigner presigner, String bucket, Duration ttl) {
        return key -> key == null ? null : presigner.presignGetObject(p -> p.signatureDuration(ttl)
                .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toString();
    }
}
