package dev.aiblog.core.model;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A place in the feed: the publication time and id of a post, which order the feed newest first with ties broken
 * by id. Written {@code 2026-11-30T10:00:00Z#<postId>} — the form the feed index sorts on and cursors carry.
 */
public record FeedPosition(Instant publishedAt, String postId) implements Comparable<FeedPosition> {
    private static final Pattern POST_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    public FeedPosition {
        Objects.requireNonNull(publishedAt, "publishedAt");
        if (postId == null || !POST_ID.matcher(postId).matches()) {
            throw new IllegalArgumentException("not a post id: " + postId);
        }
    }

    public static FeedPosition of(Post post) {
        return new FeedPosition(post.publishedAt(), post.id());
    }

    /** The position a string written by {@link #toString()} names; empty for anything else. */
    public static Optional<FeedPosition> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int hash = value.indexOf('#');
        if (hash <= 0
                || hash == value.length() - 1
                || !POST_ID.matcher(value.substring(hash + 1)).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new FeedPosition(Instant.parse(value.substring(0, hash)), value.substring(hash + 1)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Newest first, then by id. */
    @Override
    public int compareTo(FeedPosition other) {
        int byTime = other.publishedAt.compareTo(publishedAt);
        return byTime != 0 ? byTime : other.postId.compareTo(postId);
    }

    @Override
    public String toString() {
        return publishedAt + "#" + postId;
    }
}
