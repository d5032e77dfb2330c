package dev.aiblog.local.iam;

/** Why the gateway refuses a request; each maps to the error the service itself would answer. */
enum Refusal {
    /** No signature at all. */
    MISSING_AUTHENTICATION,
    /** A signature whose elements are malformed (scheme, credential scope, date, region). */
    MALFORMED_AUTHORIZATION,
    /** An access key id the gateway never issued. */
    UNKNOWN_ACCESS_KEY,
    /** Temporary credentials used without their session token. */
    MISSING_SESSION_TOKEN,
    /** A session token that is not the one issued with the key. */
    INVALID_SESSION_TOKEN,
    /** The signature does not match the issued secret. */
    SIGNATURE_MISMATCH,
    /** A presigned URL used after {@code X-Amz-Date + X-Amz-Expires}. */
    REQUEST_EXPIRED,
    /** A header-signed request more than 15 minutes away from the gateway's clock. */
    TIME_SKEWED,
    /** S3: the body's SHA-256 is not the {@code x-amz-content-sha256} that was signed. */
    CONTENT_SHA256_MISMATCH,
    /** The caller's role does not allow the action on the resource. */
    ACCESS_DENIED,
    /** The gateway cannot tell which IAM action the request needs, so it refuses rather than guess. */
    UNCLASSIFIABLE,
    /** No backend or in-process handler is registered for the service (not retried by the SDK). */
    NO_BACKEND,
    /** The registered backend did not answer (retried by the SDK, like a 503). */
    BACKEND_UNAVAILABLE
}
