package dev.aiblog.functions.api;

import dev.aiblog.core.errors.NotFoundException;
import dev.aiblog.core.intake.Accepted;
import dev.aiblog.core.intake.IdempotencyConflictException;
import dev.aiblog.core.intake.RequestIntake;
import dev.aiblog.core.intake.Submission;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.Post;
import dev.aiblog.core.model.Status;
import dev.aiblog.core.store.BlogStore;
import dev.aiblog.core.store.ContentStore;
import dev.aiblog.core.store.RequestStore;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What each route does, on checked input: the routes' logic without HTTP. Collaborators come as suppliers, so
 * the Lambda wiring builds each client when a route first needs it.
 */
public final class BlogApi {
    private final Supplier<RequestIntake> intake;
    private final Supplier<RequestStore> requests;
    private final Supplier<BlogStore> blogs;
    private final Supplier<ContentStore> content;
    private final Supplier<ImageUrls> images;
    private final Supplier<CursorCodec> cursors;

    public BlogApi(RequestIntake intake, RequestStore requests, BlogStore blogs, ContentStore content, ImageUrls images,
                   CursorCodec cursors) {
        this(() -> intake, () -> requests, () -> blogs, () -> content, () -> images, (Supplier<CursorCodec>) () -> cursors);
    }

    /** Collaborators made when a route first needs them (see {@link Lazy}). */
    public static BlogApi of(Supplier<RequestIntake> intake, Supplier<RequestStore> requests, Supplier<BlogStore> blogs,
                             Supplier<ContentStore> content, Supplier<ImageUrls> images, Supplier<CursorCodec> cursors) {
        return new BlogApi(intake, requests, blogs, content, images, cursors);
    }

    private BlogApi(Supplier<RequestIntake> intake, Supplier<RequestStore> requests, Supplier<BlogStore> blogs,
                    Supplier<ContentStore> content, Supplier<ImageUrls> images, Supplier<CursorCodec> cursors) {
        this.intake = intake;
        this.requests = requests;
        this.blogs = blogs;
        this.content = content;
        this.images = images;
        this.cursors = cursors;
    }

    Views.Accepted submit(String caller, Submission submission, Optional<String> idempotencyKey) {
        try {
            Accepted accepted = intake.get().submit(caller, submission, idempotencyKey);
            return new Views.Accepted(accepted.requestId(), Status.QUEUED.name());
        } catch (IdempotencyConflictException e) {
            throw new ApiException(ErrorCode.CONFLICT, "Idempotency-Key was already used with a different body; use a new key for a new request");
        }
    }

    /** Another caller's request answers 404 like a missing one, so request ids do not leak. */
    Views.RequestStatus request(String caller, String requestId) {
        BlogRequest request = requests.get().find(requestId)
                .filter(r -> Objects.equals(r.owner(), caller))
                .orElseThrow(() -> ApiException.notFound("no request with this id"));
        return new Views.RequestStatus(request.requestId(), request.topic(), request.status().name(),
                request.step() == null ? null : request.step().name(), request.createdAt(), request.updatedAt(),
                request.reason(), request.categories(), request.postId());
    }

    Views.FeedPage feed(Inputs.FeedParams params) {
        CursorCodec codec = cursors.get();
        ImageUrls urls = images.get();
        String after = params.cursor() == null ? null : codec.decode(params.cursor(), params.tag());
        BlogStore.FeedPage page = blogs.get().feed(params.tag(), params.limit(), after);
        var items = page.posts().stream().map(post -> new Views.FeedItem(post.id(), post.title(), post.summary(), post.tags(),
                urls.urlFor(post.imageKey()), post.publishedAt(), post.readingTimeMinutes(), post.likes(), post.offline())).toList();
        String next = page.nextAfter() == null ? null : codec.encode(params.tag(), page.nextAfter());
        return new Views.FeedPage(items, next);
    }

    Views.Blog blog(String postId) {
        Post post = blogs.get().find(postId).orElseThrow(() -> ApiException.notFound("no blog with this id"));
        String body = content.get().getString(post.bodyKey());
        return new Views.Blog(post.id(), post.title(), post.summary(), body, post.tags(), images.get().urlFor(post.imageKey()),
                post.publishedAt(), post.readingTimeMinutes(), post.likes(), post.offline(), post.provider(),
                new Views.Models(post.textModel(), post.imageModel()), post.costUsd());
    }

    Views.Likes like(String caller, String postId) {
        try {
            BlogStore.Likes likes = blogs.get().like(postId, caller);
            return new Views.Likes(postId, likes.count(), true);
        } catch (NotFoundException e) {
            throw ApiException.notFound("no blog with this id");
        }
    }

    Views.Likes unlike(String caller, String postId) {
        try {
            BlogStore.Likes likes = blogs.get().unlike(postId, caller);
            return new Views.Likes(postId, likes.count(), false);
        } catch (NotFoundException e) {
            throw ApiException.notFound("no blog with this id");
        }
    }
}
