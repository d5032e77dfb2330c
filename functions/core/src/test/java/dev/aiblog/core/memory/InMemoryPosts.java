package dev.aiblog.core.memory;

import dev.aiblog.core.errors.NotFoundException;
import dev.aiblog.core.model.FeedPosition;
import dev.aiblog.core.model.Post;
import dev.aiblog.core.model.Tag;
import dev.aiblog.core.ports.Posts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Posts} in memory: publishing also marks the request PUBLISHED in the {@link InMemoryRequests} it is given. */
public final class InMemoryPosts implements Posts {
    private final Map<String, Post> posts = new ConcurrentHashMap<>();
    private final Set<String> likes = ConcurrentHashMap.newKeySet();
    private final InMemoryRequests requests;

    public InMemoryPosts(InMemoryRequests requests) {
        this.requests = requests;
    }

    @Override
    public synchronized boolean publish(Post post) {
        if (posts.containsKey(post.id())) {
            return false;
        }
        posts.put(post.id(), post);
        requests.markPublished(post.requestId(), post.id());
        return true;
    }

    @Override
    public Optional<Post> find(String postId) {
        return Optional.ofNullable(posts.get(postId));
    }

    @Override
    public FeedPage feed(Tag tag, int limit, FeedPosition after) {
        List<Post> all = posts.values().stream()
                .filter(p -> tag == null || p.tags().stream().map(Tag::of).anyMatch(tag::equals))
                .sorted((a, b) -> FeedPosition.of(a).compareTo(FeedPosition.of(b)))
                .filter(p -> after == null || FeedPosition.of(p).compareTo(after) > 0)
                .toList();
        List<Post> page = all.subList(0, Math.min(limit, all.size()));
        return new FeedPage(page, all.size() > limit ? FeedPosition.of(page.getLast()) : null);
    }

    @Override
    public synchronized Likes like(String postId, String user) {
        Post post = find(postId).orElseThrow(() -> new NotFoundException("post " + postId + " does not exist"));
        if (likes.add(postId + "#" + user)) {
            post = post.toBuilder().likes(post.likes() + 1).build();
            posts.put(postId, post);
        }
        return new Likes(postId, post.likes(), true);
    }

    @Override
    public synchronized Likes unlike(String postId, String user) {
        Post post = find(postId).orElseThrow(() -> new NotFoundException("post " + postId + " does not exist"));
        if (likes.remove(postId + "#" + user)) {
            post = post.toBuilder().likes(Math.max(0, post.likes() - 1)).build();
            posts.put(postId, post);
        }
        return new Likes(postId, post.likes(), false);
    }

    @Override
    public boolean likedBy(String postId, String user) {
        return likes.contains(postId + "#" + user);
    }
}
