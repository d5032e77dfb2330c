package dev.aiblog.core.model;

import java.util.Optional;

/**
 * What a post is about, checked and normalised in one place: trimmed, 3 to 200 characters (code points, not
 * UTF-16 units), no control characters. The API, the schedule and the text step all go through it.
 */
public record Topic(String value) {
    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 200;

    public Topic {
        if (value == null) {
            throw new IllegalArgumentException("topic is required");
        }
        if (!value.equals(value.strip())) {
            throw new IllegalArgumentException("topic is not trimmed; use Topic.of");
        }
        problem(value).ifPresent(problem -> {
            throw new IllegalArgumentException("topic " + problem);
        });
    }

    /**
     * The topic {@code raw} names, trimmed.
     *
     * @throws IllegalArgumentException with a message that starts "topic" and says what is wrong
     */
    public static Topic of(String raw) {
        return new Topic(raw == null ? null : raw.strip());
    }

    /** Why a trimmed topic cannot be used, phrased to follow the word "topic"; empty when it can. */
    public static Optional<String> problem(String trimmed) {
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length == 0) {
            return Optional.of("is empty");
        }
        if (length < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.of("must not contain control characters");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
