package dev.aiblog.core.model;

import java.util.List;

/** What the text model writes: the structured output of the text step, kept in S3 under {@code drafts/}. */
public record Draft(String title, String summary, String body, List<String> tags, String imagePrompt) {
    public Draft {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** Title, summary and body: what moderation reads. */
    public String moderationText() {
        return title + "\n\n" + summary + "\n\n" + body;
    }
}
