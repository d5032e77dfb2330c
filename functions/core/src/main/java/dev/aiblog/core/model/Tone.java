package dev.aiblog.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The voice the post is written in. */
public enum Tone {
    INFORMATIVE,
    CONVERSATIONAL,
    PLAYFUL,
    AUTHORITATIVE;

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
    public static Tone fromWire(String value) {
        return parse(value)
                .orElseThrow(() ->
                        new IllegalArgumentException("tone must be one of " + wireValues() + ", was '" + value + "'"));
    }

    public static Optional<Tone> parse(String value) {
        return Arrays.stream(values()).filter(v -> v.wire().equals(value)).findFirst();
    }

    public static List<String> wireValues() {
        return Arrays.stream(values()).map(Tone::wire).toList();
    }
}
