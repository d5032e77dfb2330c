package dev.aiblog.functions.api;

import dev.aiblog.core.errors.NotFoundException;
import dev.aiblog.core.intake.Accepted;
import dev.aiblog.core.intake.IdempotencyConflictException;
import dev.aiblog.core.intake.RequestIntake;
import dev.aiblog.core.intake.Submission;
import dev.aiblog.core.limits.Budget;
import dev.aiblog.core.limits.Quota;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.FeedPosition;
import dev.aiblog.core.model.Post;
import dev.aiblog.core.model.Status;
import dev.aiblog.core.ports.Content;
import dev.aiblog.core.ports.Posts;
import dev.aiblog.core.ports.Requests;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What each route does, on checked input: the routes' logic without HTTP. Collaborators may come as suppliers
 * ({@link #of}), so the Lambda wiring builds each client when a route first needs it.
 */
public final class BlogApi {
    private final Supplier<RequestIntake> intake;
    private final Supplier<Requests> requests;
    private final Supplier<Posts> blogs;
    private final Supplier<Content> content;
    private final Supplier<ImageUrls> images;
    private final Supplier<CursorCodec> cursors;

    public BlogApi(
            RequestIntake intake,
            Requests requests,
            Posts blogs,
            Content content,
            ImageUrls images,
            CursorCodec cursors) {
        this(() -> intake, () -> requests, () -> blogs, () -> content, () -> images, (Supplier<CursorCodec>)
                () -> cursors);
    }

    /** Collaborators made when a route first needs them. */
    public static BlogApi of(
            Supplier<RequestIntake> intake,
            Supplier<Requests> requests,
            Supplier<Posts> blogs,
            Supplier<Content> content,
            Supplier<ImageUrls> images,
            Supplier<CursorCodec> cursors) {
        return new BlogApi(intake, requests, blogs, content, images, cursors);
    }

    private BlogApi(
            Supplier<RequestIntake> intake,
            Supplier<Requests> requests,
            Supplier<Posts> blogs,
            Supplier<Content> content,
            Supplier<ImageUrls> images,
            Supplier<CursorCodec> cursors) {
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
            throw new ApiException(
                    ErrorCode.CONFLICT,
                    "Idempotency-Key was already used with a different body; use a new key for a new request");
        } catch (Quota.ExceededException e) {
            throw new ApiException(
                    ErrorCode.QUOTA_EXCEEDED,
                    e.getMessage(),
                    Map.of("retry-after", Long.toString(e.retryAfterSeconds(java.time.Instant.now()))));
        } catch (Budget.ExhaustedException e) {
            long seconds = Math.max(
                    1,
                    java.time.Duration.between(
                                    java.time.Instant.now(), e.exhausted().resetsAt())
                            .toSeconds());
            throw new ApiException(
                    ErrorCode.BUDGET_EXHAUSTED, e.getMessage(), Map.of("retry-after", Long.toString(seconds)));
        }
    }

    /** A FAILED request of the caller's, run again: 202 with QUEUED; anything else is 404 (not theirs) or 409. */
    Views.Accepted retry(String caller, String requestId) {
        try {
            intake.get().retry(caller, requestId);
            return new Views.Accepted(requestId, Status.QUEUED.name());
        } catch (NotFoundException e) {
            throw ApiException.notFound("no request with this id");
        } catch (IllegalStateException e) {
            throw new ApiException(ErrorCode.CONFLICT, e.getMessage());
        } catch (Budget.ExhaustedException e) {
            long seconds = Math.max(
                    1,
                    java.time.Duration.between(
                                    java.time.Instant.now(), e.exhausted().resetsAt())
                            .toSeconds());
            throw new ApiException(
                    ErrorCode.BUDGET_EXHAUSTED, e.getMessage(), Map.of("retry-after", Long.toString(seconds)));
        }
    }

    /** Another caller's request answers 404 like a missing one, so request ids do not leak. */
    Views.RequestStatus request(String caller, String requestId) {
        BlogRequest request = requests.get()
                .find(requestId)
                .filter(r -> Objects.equals(r.owner(), caller))
                .orElseThrow(() -> ApiException.notFound("no request with this id"));
        return view(request);
    }

    /** The caller's own requests, newest first. */
    Views.RequestPage requests(String caller, Inputs.PageParams params) {
        String after = params.cursor() == null ? null : cursors.get().decodeRequests(params.cursor(), caller);
        Requests.OwnerPage page = requests.get().byOwner(caller, params.limit(), after);
        String next = page.nextAfter() == null ? null : cursors.get().encodeRequests(caller, page.nextAfter());
        return new Views.RequestPage(page.requests().stream().map(BlogApi::view).toList(), next);
    }

    private static Views.RequestStatus view(BlogRequest request) {
        return new Views.RequestStatus(
                request.requestId(),
                request.topic(),
                request.status().name(),
                request.step() == null ? null : request.step().name(),
                request.createdAt(),
                request.updatedAt(),
                request.reason(),
                request.categories(),
                request.postId());
    }

    Views.FeedPage feed(Inputs.FeedParams params) {
        FeedPosition after = params.cursor() == null ? null : cursors.get().decodeFeed(params.cursor(), params.tag());
        Posts.FeedPage page = blogs.get().feed(params.tag(), params.limit(), after);
        var items = page.posts().stream()
                .map(post -> new Views.FeedItem(
                        post.id(),
                        post.title(),
                        post.summary(),
                        post.tags(),
                        images.get().urlFor(post.imageKey()),
                        post.publishedAt(),
                        post.readingTimeMinutes(),
                        post.likes(),
                        post.offline()))
                .toList();
        String next = page.next() == null ? null : cursors.get().encodeFeed(params.tag(), page.next());
        return new Views.FeedPage(items, next);
    }

    /**
     * A whole post. {@code likedByMe} says whether {@code caller} likes it; null for an anonymous reader.
     *
     * @param publicBaseUrl where the API is reachable from outside, for the post's share link
     */
    Views.Blog blog(String postId, Optional<String> caller, String publicBaseUrl) {
        Post post = blogs.get().find(postId).orElseThrow(() -> ApiException.notFound("no blog with this id"));
        String body = content.get().getString(post.bodyKey());
        Boolean likedByMe =
                caller.map(user -> blogs.get().likedBy(postId, user)).orElse(null);
        return new Views.Blog(
                post.id(),
                post.title(),
                post.summary(),
                body,
                post.tags(),
                images.get().urlFor(post.imageKey()),
                post.publishedAt(),
                post.readingTimeMinutes(),
                post.likes(),
                post.offline(),
                post.provider(),
                new Views.Models(post.textModel(), post.imageModel()),
                post.costUsd(),
                likedByMe,
                post.reviewedBy(),
                shareUrl(publicBaseUrl, post.id()));
    }

    /** The public page of a post, or the 404 page; the second value is the HTTP status. */
    Map.Entry<Integer, String> page(String rawId, String publicBaseUrl, String webAppUrl) {
        String id = rawId != null && Inputs.isId(rawId) ? rawId : null;
        Optional<Post> post = id == null ? Optional.empty() : blogs.get().find(id);
        String appUrl = APP_SCHEME + "://post/" + (id == null ? "" : id);
        String webApp = webAppUrl == null ? null : webAppUrl.replaceAll("/+$", "") + (id == null ? "/" : "/post/" + id);
        if (post.isEmpty()) {
            return Map.entry(
                    404,
                    PostPage.notFound(new PostPage.Links(null, APP_SCHEME + "://", webAppUrl == null ? null : webApp)));
        }
        String body = content.get().getString(post.get().bodyKey());
        return Map.entry(
                200,
                PostPage.render(
                        post.get(),
                        body,
                        images.get().urlFor(post.get().imageKey()),
                        new PostPage.Links(shareUrl(publicBaseUrl, id), appUrl, webApp)));
    }

    /** The app's URL scheme (app.json {@code expo.scheme}): {@code aiblog://post/<id>} opens a post in the app. */
    static final String APP_SCHEME = "aiblog";

    static String shareUrl(String publicBaseUrl, String postId) {
        return publicBaseUrl.replaceAll("/+$", "") + "/p/" + postId;
    }

    Views.Likes like(String caller, String postId) {
        try {
            Posts.Likes likes = blogs.get().like(postId, caller);
            return new Views.Likes(postId, likes.count(), true);
        } catch (NotFoundException e) {
            throw ApiException.notFound("no blog with this id");
        }
    }

    Views.Likes unlike(String caller, String postId) {
        try {
            Posts.Likes likes = blogs.get().unlike(postId, caller);
            return new Views.Likes(postId, likes.count(), false);
        } catch (NotFoundException e) {
            throw ApiException.notFound("no blog with this id");
        }
    }
}
