package dev.aiblog.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How long the post should be, with its target word count. */
public enum Length {
    SHORT(400),
    MEDIUM(800),
    LONG(1400);

    private final int targetWords;

    Length(int targetWords) {
        this.targetWords = targetWords;
    }

    public int targetWords() {
        return targetWords;
    }

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
    public static Length fromWire(String value) {
        return parse(value)
                .orElseThrow(() -> new IllegalArgumentException(
                        "length must be one of " + wireValues() + ", was '" + value + "'"));
    }

    public static Optional<Length> parse(String value) {
        return Arrays.stream(values()).filter(v -> v.wire().equals(value)).findFirst();
    }

    public static List<String> wireValues() {
        return Arrays.stream(values()).map(Length::wire).toList();
    }
}
