package dev.aiblog.core.ports;

import dev.aiblog.core.errors.NotFoundException;
import dev.aiblog.core.model.FeedPosition;
import dev.aiblog.core.model.Post;
import dev.aiblog.core.model.Tag;
import java.util.List;
import java.util.Optional;

/** The published posts, their feed (all posts, or one tag's), and likes. */
public interface Posts {
    /**
     * Publishes the post and marks its request PUBLISHED, both or neither. The post is written only if it does not
     * exist yet.
     *
     * @return true when this call published the post; false when it had been published before (nothing written)
     */
    boolean publish(Post post);

    Optional<Post> find(String postId);

    /**
     * One page of the feed, newest first.
     *
     * @param next where the next page starts; null on the last page
     */
    record FeedPage(List<Post> posts, FeedPosition next) {
        public FeedPage {
            posts = List.copyOf(posts);
        }
    }

    /**
     * The feed newest first: all posts, or those with {@code tag}.
     *
     * @param tag   null for every post
     * @param after the position of the last post of the previous page; null for the first page
     */
    FeedPage feed(Tag tag, int limit, FeedPosition after);

    /** A post's like count, and whether the user asking likes it now. */
    record Likes(String postId, long count, boolean liked) {}

    /**
     * Records that {@code user} likes the post; liking twice changes nothing.
     *
     * @throws NotFoundException when there is no such post
     */
    Likes like(String postId, String user);

    /**
     * Records that {@code user} no longer likes the post; the count never goes below zero.
     *
     * @throws NotFoundException when there is no such post
     */
    Likes unlike(String postId, String user);

    /** Whether {@code user} likes the post now (false for a post that does not exist). */
    boolean likedBy(String postId, String user);
}
