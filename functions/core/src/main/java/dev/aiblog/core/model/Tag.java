package dev.aiblog.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A post's tag, normalised once: trimmed and lower-cased, so {@code Serverless} and {@code serverless } are one tag
 * in the feed, in links and in storage.
 */
public record Tag(String value) {
    /** The longest tag, in characters. */
    public static final int MAX_LENGTH = 50;

    public Tag {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("tag is empty");
        }
        if (!value.equals(normalise(value))) {
            throw new IllegalArgumentException("tag '" + value + "' is not normalised; use Tag.of");
        }
        if (value.codePointCount(0, value.length()) > MAX_LENGTH
                || value.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(
                    "tag must be at most " + MAX_LENGTH + " characters without control characters");
        }
    }

    /**
     * The tag {@code raw} names.
     *
     * @throws IllegalArgumentException naming what is wrong: empty, too long, control characters
     */
    @JsonCreator
    public static Tag of(String raw) {
        return new Tag(raw == null ? null : normalise(raw));
    }

    private static String normalise(String raw) {
        return raw.strip().toLowerCase(Locale.ROOT);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
