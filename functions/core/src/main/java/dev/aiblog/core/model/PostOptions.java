package dev.aiblog.core.model;

import java.util.Objects;

/** How a post should be written. Every field has a default, so a bare topic is a complete request. */
public record PostOptions(Audience audience, Tone tone, Length length) {
    public static final PostOptions DEFAULT = new PostOptions(Audience.GENERAL, Tone.INFORMATIVE, Length.MEDIUM);

    public PostOptions {
        audience = Objects.requireNonNullElse(audience, Audience.GENERAL);
        tone = Objects.requireNonNullElse(tone, Tone.INFORMATIVE);
        length = Objects.requireNonNullElse(length, Length.MEDIUM);
    }
}
