package dev.aiblog.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The voice the post is written in. */
public enum Tone {
    INFORMATIVE, CONVERSATIONAL, PLAYFUL, AUTHORITATIVE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Tone> parse(String value) {
        return Arrays.stream(values()).filter(v -> v.wire().equals(value)).findFirst();
    }

    public static List<String> wireValues() {
        return Arrays.stream(values()).map(Tone::wire).toList();
    }
}
