package dev.aiblog.core.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A published post's metadata, as stored in the Blogs table. The markdown body and the image live in S3.
 *
 * @param provider  which model provider wrote it ("openai", or "offline" for the offline provider)
 * @param offline   true when no real model was called: the post must say so wherever it is shown
 */
public record Post(
        String id,
        String requestId,
        String title,
        String summary,
        List<String> tags,
        String bodyKey,
        String imageKey,
        int readingTimeMinutes,
        String textModel,
        String imageModel,
        TokenUsage textUsage,
        TokenUsage imageUsage,
        BigDecimal costUsd,
        String provider,
        boolean offline,
        Instant publishedAt,
        long likes) {

    public Post {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
