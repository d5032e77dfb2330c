package dev.aiblog.functions.schedule;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How alike two titles are: the Jaccard index of their word sets, after lower-casing, dropping common English
 * function words and folding simple plurals. 1 for the same words, 0 for none shared.
 */
final class TitleSimilarity {
    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "for", "from", "how", "in", "into", "is",
            "it", "its", "of", "on", "or", "that", "the", "their", "them", "this", "to", "what", "when", "why", "with",
            "you", "your");

    private TitleSimilarity() {}

    static Set<String> tokens(String text) {
        if (text == null) {
            return Set.of();
        }
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(t -> t.length() > 1 && !STOP_WORDS.contains(t))
                .map(TitleSimilarity::singular)
                .collect(Collectors.toUnmodifiableSet());
    }

    static double jaccard(String a, String b) {
        Set<String> left = tokens(a);
        Set<String> right = tokens(b);
        if (left.isEmpty() || right.isEmpty()) {
            return 0;
        }
        Set<String> union = new HashSet<>(left);
        union.addAll(right);
        long shared = left.stream().filter(right::contains).count();
        return (double) shared / union.size();
    }

    /** The highest similarity of {@code topic} to any of {@code titles}; 0 when there are none. */
    static double closest(String topic, Collection<String> titles) {
        return titles.stream().mapToDouble(title -> jaccard(topic, title)).max().orElse(0);
    }

    private static String singular(String token) {
        if (token.length() > 4 && token.endsWith("ies")) {
            return token.substring(0, token.length() - 3) + "y";
        }
        if (token.length() > 3 && token.endsWith("s") && !token.endsWith("ss")) {
            return token.substring(0, token.length() - 1);
        }
        return token;
    }
}
