package dev.aiblog.core.text;

import dev.aiblog.core.model.Draft;
import java.util.ArrayList;
import java.util.List;

/** What must hold of a draft before it goes on: every field present and non-empty, tags sane. */
public final class DraftCheck {
    public static final int MAX_TAGS = 8;
    public static final int MAX_TITLE = 200;

    private DraftCheck() {}

    /** The problems found, each naming its field; empty when the draft is usable. */
    public static List<String> problems(Draft draft) {
        List<String> problems = new ArrayList<>();
        blank(problems, "title", draft.title());
        blank(problems, "summary", draft.summary());
        blank(problems, "body", draft.body());
        blank(problems, "imagePrompt", draft.imagePrompt());
        if (draft.title() != null && draft.title().length() > MAX_TITLE) {
            problems.add("title is longer than " + MAX_TITLE + " characters");
        }
        if (draft.tags().isEmpty()) {
            problems.add("tags is missing or empty");
        } else if (draft.tags().size() > MAX_TAGS) {
            problems.add("tags has " + draft.tags().size() + " entries, at most " + MAX_TAGS + " allowed");
        } else if (draft.tags().stream().anyMatch(t -> t == null || t.isBlank())) {
            problems.add("tags contains an empty tag");
        }
        return problems;
    }

    private static void blank(List<String> problems, String field, String value) {
        if (value == null) {
            problems.add(field + " is missing");
        } else if (value.isBlank()) {
            problems.add(field + " is empty");
        }
    }
}
