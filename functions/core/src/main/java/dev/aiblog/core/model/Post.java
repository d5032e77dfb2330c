package dev.aiblog.core.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A published post's metadata, as stored in the Blogs table. The markdown body and the image live in S3.
 *
 * @param provider  which model provider wrote it ("openai", or "offline" for the offline provider)
 * @param offline   true when no real model was called: the post must say so wherever it is shown
 * @param reviewedBy the editor who approved it when review is required; null otherwise
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
        long likes,
        String reviewedBy) {

    public Post {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A post no editor reviewed. */
    public Post(
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
        this(
                id,
                requestId,
                title,
                summary,
                tags,
                bodyKey,
                imageKey,
                readingTimeMinutes,
                textModel,
                imageModel,
                textUsage,
                imageUsage,
                costUsd,
                provider,
                offline,
                publishedAt,
                likes,
                null);
    }

    /** A post built field by field, by name: {@code Post.builder().id(id).title(title)...build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this post to change a few fields of. */
    public Builder toBuilder() {
        return new Builder()
                .id(id)
                .requestId(requestId)
                .title(title)
                .summary(summary)
                .tags(tags)
                .bodyKey(bodyKey)
                .imageKey(imageKey)
                .readingTimeMinutes(readingTimeMinutes)
                .textModel(textModel)
                .imageModel(imageModel)
                .textUsage(textUsage)
                .imageUsage(imageUsage)
                .costUsd(costUsd)
                .provider(provider)
                .offline(offline)
                .publishedAt(publishedAt)
                .likes(likes)
                .reviewedBy(reviewedBy);
    }

    /** Builds a {@link Post}; usages default to none, the cost to zero, the likes to zero. */
    public static final class Builder {
        private String id;
        private String requestId;
        private String title;
        private String summary;
        private List<String> tags = List.of();
        private String bodyKey;
        private String imageKey;
        private int readingTimeMinutes;
        private String textModel;
        private String imageModel;
        private TokenUsage textUsage = TokenUsage.NONE;
        private TokenUsage imageUsage = TokenUsage.NONE;
        private BigDecimal costUsd = BigDecimal.ZERO;
        private String provider;
        private boolean offline;
        private Instant publishedAt;
        private long likes;
        private String reviewedBy;

        private Builder() {}

        public Builder id(String value) {
            this.id = value;
            return this;
        }

        public Builder requestId(String value) {
            this.requestId = value;
            return this;
        }

        public Builder title(String value) {
            this.title = value;
            return this;
        }

        public Builder summary(String value) {
            this.summary = value;
            return this;
        }

        public Builder tags(List<String> value) {
            this.tags = value;
            return this;
        }

        public Builder bodyKey(String value) {
            this.bodyKey = value;
            return this;
        }

        public Builder imageKey(String value) {
            this.imageKey = value;
            return this;
        }

        public Builder readingTimeMinutes(int value) {
            this.readingTimeMinutes = value;
            return this;
        }

        public Builder textModel(String value) {
            this.textModel = value;
            return this;
        }

        public Builder imageModel(String value) {
            this.imageModel = value;
            return this;
        }

        public Builder textUsage(TokenUsage value) {
            this.textUsage = value;
            return this;
        }

        public Builder imageUsage(TokenUsage value) {
            this.imageUsage = value;
            return this;
        }

        public Builder costUsd(BigDecimal value) {
            this.costUsd = value;
            return this;
        }

        public Builder provider(String value) {
            this.provider = value;
            return this;
        }

        public Builder offline(boolean value) {
            this.offline = value;
            return this;
        }

        public Builder publishedAt(Instant value) {
            this.publishedAt = value;
            return this;
        }

        public Builder reviewedBy(String value) {
            this.reviewedBy = value;
            return this;
        }

        public Builder likes(long value) {
            this.likes = value;
            return this;
        }

        public Post build() {
            return new Post(
                    id,
                    requestId,
                    title,
                    summary,
                    tags,
                    bodyKey,
                    imageKey,
                    readingTimeMinutes,
                    textModel,
                    imageModel,
                    textUsage,
                    imageUsage,
                    costUsd,
                    provider,
                    offline,
                    publishedAt,
                    likes,
                    reviewedBy);
        }
    }
}
