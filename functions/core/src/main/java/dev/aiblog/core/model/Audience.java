package dev.aiblog.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Who the post is written for. */
public enum Audience {
    GENERAL,
    BEGINNER,
    EXPERT;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The value a step contract's JSON names.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    @JsonCreator
    public static Audience fromWire(String value) {
        return parse(value)
                .orElseThrow(() -> new IllegalArgumentException(
                        "audience must be one of " + wireValues() + ", was '" + value + "'"));
    }

    public static Optional<Audience> parse(String value) {
        return Arrays.stream(values()).filter(v -> v.wire().equals(value)).findFirst();
    }

    public static List<String> wireValues() {
        return Arrays.stream(values()).map(Audience::wire).toList();
    }
}
