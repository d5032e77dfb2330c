package dev.aiblog.core.ai;

import java.util.List;

/** Screens text against a content policy before it is generated from or published. */
public interface Moderator {
    Verdict check(String text);

    /** Flagged or not, and the categories that were flagged. */
    record Verdict(boolean flagged, List<String> categories, String model) {
        public Verdict {
            categories = categories == null ? List.of() : List.copyOf(categories);
        }
    }
}
