package dev.aiblog.local.iam;

import java.util.Map;
import java.util.Objects;

/**
 * Temporary credentials as Lambda hands them to a function: an {@code ASIA...} access key id, a
 * secret and a session token, all three required on every call (a client that drops the token is
 * refused, as on AWS).
 *
 * @param principal whose role the credentials carry
 */
public record LambdaCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Principal principal) {

    public LambdaCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(sessionToken, "sessionToken");
        Objects.requireNonNull(principal, "principal");
    }

    /**
     * The environment variables Lambda sets for them ({@code AWS_ACCESS_KEY_ID},
     * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}), for the SDK's default chain.
     */
    public Map<String, String> environment() {
        return Map.of(
                "AWS_ACCESS_KEY_ID", accessKeyId,
                "AWS_SECRET_ACCESS_KEY", secretAccessKey,
                "AWS_SESSION_TOKEN", sessionToken);
    }

    /** Never prints the secret or the token. */
    @Override
    public String toString() {
        return "LambdaCredentials[" + accessKeyId + " for " + principal.assumedRoleArn() + "]";
    }
}
