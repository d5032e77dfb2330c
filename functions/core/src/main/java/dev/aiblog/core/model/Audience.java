package dev.aiblog.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Who the post is written for. */
public enum Audience {
    GENERAL, BEGINNER, EXPERT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Audience> parse(String value) {
        return Arrays.stream(values()).filter(v -> v.wire().equals(value)).findFirst();
    }

    public static List<String> wireValues() {
        return Arrays.stream(values()).map(Audience::wire).toList();
    }
}
