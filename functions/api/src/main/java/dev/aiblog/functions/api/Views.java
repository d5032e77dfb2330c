package dev.aiblog.functions.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The JSON bodies the API answers with, exactly as {@code openapi/openapi.yaml} describes them. Null fields are
 * written as {@code null} (the contract lists them), unlike the project mapper's default.
 */
final class Views {
    private Views() {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Accepted(String requestId, String status) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record RequestStatus(
            String requestId,
            String topic,
            String status,
            String step,
            Instant createdAt,
            Instant updatedAt,
            String reason,
            List<String> categories,
            String postId) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record RequestPage(List<RequestStatus> items, String nextCursor) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record FeedItem(
            String id,
            String title,
            String summary,
            List<String> tags,
            String imageUrl,
            Instant publishedAt,
            int readingTimeMinutes,
            long likes,
            boolean offline) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record FeedPage(List<FeedItem> items, String nextCursor) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Models(String text, String image) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Blog(
            String id,
            String title,
            String summary,
            String body,
            List<String> tags,
            String imageUrl,
            Instant publishedAt,
            int readingTimeMinutes,
            long likes,
            boolean offline,
            String provider,
            Models models,
            BigDecimal costUsd,
            Boolean likedByMe,
            String reviewedBy,
            String shareUrl) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Me(String userId, boolean editor) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ReviewItem(
            String requestId,
            String topic,
            String title,
            String summary,
            List<String> tags,
            String imageUrl,
            String requestedBy,
            Instant createdAt,
            Instant awaitingSince,
            BigDecimal costUsd) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ReviewPage(List<ReviewItem> items, String nextCursor) {}

    /** {@code Draft}: a {@link ReviewItem} with its body and deadline. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Draft(
            String requestId,
            String topic,
            String title,
            String summary,
            List<String> tags,
            String imageUrl,
            String requestedBy,
            Instant createdAt,
            Instant awaitingSince,
            BigDecimal costUsd,
            String body,
            Instant reviewDeadline) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ReviewOutcome(String requestId, String decision) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Likes(String id, long likes, boolean liked) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Error(String code, String message) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ErrorBody(Error error) {}
}
