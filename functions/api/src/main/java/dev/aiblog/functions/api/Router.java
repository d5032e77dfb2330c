package dev.aiblog.functions.api;

import dev.aiblog.core.Json;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches a request to a {@link Route}, checks the caller and the input, calls {@link BlogApi}, and writes the
 * answer. Unknown paths are 404, known paths with another method 405 (with {@code allow}), and every failure is
 * {@code {"error":{"code","message"}}}: a client's mistake is a 4xx, and only a fault of ours is a 500, whose
 * details go to the log and never to the client.
 */
public final class Router {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    static final String ALLOWED_HEADERS = "authorization,content-type,idempotency-key";
    /** The origins allowed when none are configured: the app's dev servers on this machine. */
    private static final Pattern LOCALHOST = Pattern.compile("https?://(localhost|127\\.0\\.0\\.1)(:\\d{1,5})?");

    private final BlogApi api;
    private final ReviewApi reviews;
    private final List<String> corsOrigins;
    private final Links links;

    /**
     * How the API names itself and checks callers on public routes.
     *
     * @param tokens        verifies a bearer token on a public route ({@code GET /blogs/{id}} says {@code likedByMe})
     * @param publicBaseUrl {@code PUBLIC_BASE_URL}: the address in share links; when empty, the address each request
     *                      came in on
     * @param webAppUrl     {@code WEB_APP_URL}: the app's web build, linked from the shared page when set
     */
    public record Links(BearerTokens tokens, Optional<String> publicBaseUrl, Optional<String> webAppUrl) {
        static final Links NONE = new Links(BearerTokens.none(), Optional.empty(), Optional.empty());
    }

    /**
     * @param corsOrigins origins answered with CORS headers ({@code *} for any; none configured means localhost
     *                    only). In AWS the HTTP API's CorsConfiguration does this and overrides these headers.
     */
    public Router(BlogApi api, List<String> corsOrigins) {
        this(api, corsOrigins, Links.NONE);
    }

    public Router(BlogApi api, List<String> corsOrigins, Links links) {
        this(api, ReviewApi.none(), corsOrigins, links);
    }

    public Router(BlogApi api, ReviewApi reviews, List<String> corsOrigins, Links links) {
        this.api = api;
        this.reviews = reviews;
        this.corsOrigins = List.copyOf(corsOrigins);
        this.links = links;
    }

    public HttpApiResponse handle(HttpApiEvent event) {
        HttpRequest request = null;
        try {
            request = HttpRequest.from(event);
            return withCors(request, route(request));
        } catch (ApiException e) {
            LOG.info(
                    "{} {} -> {} {}",
                    request == null ? "?" : request.method(),
                    request == null ? "?" : request.path(),
                    e.code().status(),
                    e.code());
            return withCors(request, error(e.code(), e.getMessage(), e.headers()));
        } catch (RuntimeException e) {
            LOG.error(
                    "{} {} failed",
                    request == null ? "?" : request.method(),
                    request == null ? "?" : request.path(),
                    e);
            return withCors(
                    request, error(ErrorCode.INTERNAL, "something went wrong on our side; try again later", Map.of()));
        }
    }

    private HttpApiResponse route(HttpRequest request) {
        List<String> segments = request.segments();
        List<Route> onPath = Arrays.stream(Route.values())
                .filter(r -> r.matchId(segments) != null)
                .toList();
        if (onPath.isEmpty()) {
            throw ApiException.notFound("no route " + request.method() + " " + abbreviated(request.path()));
        }
        String allow = Stream.concat(onPath.stream().map(Route::method), Stream.of("OPTIONS"))
                .collect(Collectors.joining(", "));
        if (request.method().equals("OPTIONS")) {
            return preflight(request, allow);
        }
        Route route = onPath.stream()
                .filter(r -> r.method().equals(request.method()))
                .findFirst()
                .orElseThrow(() -> new ApiException(
                        ErrorCode.METHOD_NOT_ALLOWED,
                        request.method() + " is not allowed on " + abbreviated(request.path()) + "; allowed: " + allow,
                        Map.of("allow", allow)));
        String caller = null;
        if (route.authenticated()) {
            caller = request.caller()
                    .orElseThrow(() -> new ApiException(
                            ErrorCode.UNAUTHORIZED,
                            "sign in first: this route needs a bearer token",
                            Map.of("www-authenticate", "Bearer")));
        }
        if (route.editorsOnly() && !Editors.isEditor(request.groups())) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN,
                    "only editors review drafts; ask an administrator to add you to the group editors");
        }
        String id = route.matchId(segments);
        return switch (route) {
            case SUBMIT_BLOG -> {
                var key = Inputs.idempotencyKey(request.header("idempotency-key"));
                var submission = Inputs.submission(request.body(Inputs.MAX_BODY_BYTES));
                yield json(202, api.submit(caller, submission, key));
            }
            case LIST_REQUESTS -> json(200, api.requests(caller, Inputs.page(request.query())));
            case GET_REQUEST -> json(200, api.request(caller, Inputs.id(id, "request")));
            case RETRY_REQUEST -> json(202, api.retry(caller, Inputs.id(id, "request")));
            case GET_FEED -> json(200, api.feed(Inputs.feed(request.query())));
            case GET_BLOG ->
                json(200, api.blog(Inputs.id(id, "blog"), optionalCaller(request), publicBaseUrl(request)));
            case GET_POST_PAGE -> {
                var page =
                        api.page(id, publicBaseUrl(request), links.webAppUrl().orElse(null));
                yield html(page.getKey(), page.getValue());
            }
            case LIKE_BLOG -> json(200, api.like(caller, Inputs.id(id, "blog")));
            case UNLIKE_BLOG -> json(200, api.unlike(caller, Inputs.id(id, "blog")));
            case GET_ME -> json(200, new Views.Me(caller, Editors.isEditor(request.groups())));
            case LIST_REVIEWS -> json(200, reviews.queue(Inputs.page(request.query())));
            case GET_REVIEW -> json(200, reviews.draft(Inputs.id(id, "request")));
            case DECIDE_REVIEW -> {
                String requestId = Inputs.id(id, "request");
                var decision = Inputs.decision(request.body(Inputs.MAX_DECISION_BYTES));
                yield json(202, reviews.decide(caller, requestId, decision));
            }
        };
    }

    /**
     * The caller of a public route: whoever a valid bearer token names (API Gateway does not authorize these routes;
     * locally, the claims the local API puts in may be there too). Anything else is an anonymous reader.
     */
    private Optional<String> optionalCaller(HttpRequest request) {
        return request.caller().or(() -> request.bearerToken().flatMap(links.tokens()::subject));
    }

    private String publicBaseUrl(HttpRequest request) {
        return links.publicBaseUrl().orElseGet(request::origin);
    }

    /** CORS preflight, for local use: in AWS the HTTP API's CorsConfiguration answers these before the function. */
    private HttpApiResponse preflight(HttpRequest request, String allow) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("allow", allow);
        if (allowedOrigin(request) != null) {
            headers.put("access-control-allow-methods", allow);
            headers.put("access-control-allow-headers", ALLOWED_HEADERS);
            headers.put("access-control-max-age", "600");
        }
        return new HttpApiResponse(204, headers, null, false);
    }

    private HttpApiResponse withCors(HttpRequest request, HttpApiResponse response) {
        String origin = request == null ? null : allowedOrigin(request);
        if (origin == null) {
            return response;
        }
        Map<String, String> cors = new LinkedHashMap<>();
        cors.put("access-control-allow-origin", origin);
        cors.put("vary", "origin");
        return response.withHeaders(cors);
    }

    private String allowedOrigin(HttpRequest request) {
        String origin = request.header("origin").orElse(null);
        if (origin == null) {
            return null;
        }
        if (corsOrigins.isEmpty()) {
            return LOCALHOST.matcher(origin).matches() ? origin : null;
        }
        return corsOrigins.contains("*") || corsOrigins.contains(origin) ? origin : null;
    }

    static HttpApiResponse json(int status, Object body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("cache-control", "no-store");
        return new HttpApiResponse(status, headers, Json.write(body), false);
    }

    /** An HTML page: no script may run in it, and it may be cached briefly (its image URL lives longer than that). */
    static HttpApiResponse html(int status, String page) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "text/html; charset=utf-8");
        headers.put("cache-control", status == 200 ? "public, max-age=300" : "no-store");
        headers.put("content-security-policy", PostPage.CONTENT_SECURITY_POLICY);
        headers.put("x-content-type-options", "nosniff");
        headers.put("referrer-policy", "strict-origin-when-cross-origin");
        return new HttpApiResponse(status, headers, page, false);
    }

    static HttpApiResponse error(ErrorCode code, String message, Map<String, String> extraHeaders) {
        return json(code.status(), new Views.ErrorBody(new Views.Error(code.name(), message)))
                .withHeaders(extraHeaders);
    }

    private static String abbreviated(String path) {
        return path.length() > 80 ? path.substring(0, 80) + "…" : path;
    }
}
