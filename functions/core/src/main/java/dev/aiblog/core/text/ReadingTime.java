package dev.aiblog.core.text;

import java.util.regex.Pattern;

/** Minutes to read a markdown body at 230 words a minute, rounded up, at least one. */
public final class ReadingTime {
    private static final int WORDS_PER_MINUTE = 230;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*");

    private ReadingTime() {}

    public static int minutes(String markdown) {
        long words = words(markdown);
        return (int) Math.max(1, (words + WORDS_PER_MINUTE - 1) / WORDS_PER_MINUTE);
    }

    public static long words(String markdown) {
        return markdown == null ? 0 : WORD.matcher(markdown).results().count();
    }
}
