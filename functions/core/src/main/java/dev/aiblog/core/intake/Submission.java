package dev.aiblog.core.intake;

import dev.aiblog.core.model.PostOptions;
import dev.aiblog.core.model.Topic;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A valid request for a post: the trimmed topic and the options with their defaults filled in. Two submissions
 * with the same fingerprint are the same request, which is what an {@code Idempotency-Key} replay is compared by.
 */
public record Submission(String topic, PostOptions options) {
    public static final int MIN_TOPIC = Topic.MIN_LENGTH;
    public static final int MAX_TOPIC = Topic.MAX_LENGTH;

    public Submission {
        Objects.requireNonNull(topic, "topic");
        options = options == null ? PostOptions.DEFAULT : options;
        topic = Topic.of(topic).value();
    }

    /**
     * Why a (trimmed) topic cannot be used, phrased to follow the word "topic"; empty when it can. Length counts
     * characters (code points), not UTF-16 units.
     */
    public static Optional<String> topicProblem(String trimmed) {
        return Topic.problem(trimmed);
    }

    /** SHA-256 of the normalized request: what "the same body" means for an idempotent retry. */
    public String fingerprint() {
        String canonical = topic
                + '\n'
                + options.audience().wire()
                + '\n'
                + options.tone().wire()
                + '\n'
                + options.length().wire();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
