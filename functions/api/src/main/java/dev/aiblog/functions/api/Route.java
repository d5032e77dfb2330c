package dev.aiblog.functions.api;

import java.util.Arrays;
import java.util.List;

/**
 * Every route the API serves: method, path template, and whether it needs a signed-in caller. This list, the
 * OpenAPI document in {@code openapi/openapi.yaml} and the routes in {@code template.yaml} are kept the same.
 */
public enum Route {
    SUBMIT_BLOG("POST", "/blogs", true),
    LIST_REQUESTS("GET", "/requests", true),
    GET_REQUEST("GET", "/requests/{id}", true),
    /** Runs a FAILED request again (owner only). */
    RETRY_REQUEST("POST", "/requests/{id}/retry", true),
    GET_FEED("GET", "/feed", false),
    GET_BLOG("GET", "/blogs/{id}", false),
    /** The shareable page of a post: HTML with Open Graph tags, for people and link previews without the app. */
    GET_POST_PAGE("GET", "/p/{id}", false),
    LIKE_BLOG("POST", "/blogs/{id}/likes", true),
    UNLIKE_BLOG("DELETE", "/blogs/{id}/likes", true),
    /** The caller, and whether they are an editor (the app shows its Review tab to editors only). */
    GET_ME("GET", "/me", true),
    /** Editors only: the drafts awaiting review, oldest first. */
    LIST_REVIEWS("GET", "/reviews", true),
    /** Editors only: a whole draft awaiting review. */
    GET_REVIEW("GET", "/reviews/{id}", true),
    /** Editors only: approve (with edits) or reject a draft, once. */
    DECIDE_REVIEW("POST", "/reviews/{id}", true);

    private final String method;
    private final String path;
    private final boolean authenticated;
    private final List<String> segments;

    Route(String method, String path, boolean authenticated) {
        this.method = method;
        this.path = path;
        this.authenticated = authenticated;
        this.segments = segments(path);
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public boolean authenticated() {
        return authenticated;
    }

    /** Whether only members of the Cognito group {@value Editors#GROUP} may call it. */
    public boolean editorsOnly() {
        return this == LIST_REVIEWS || this == GET_REVIEW || this == DECIDE_REVIEW;
    }

    /** As API Gateway writes a route key: {@code "GET /feed"}. */
    public String key() {
        return method + " " + path;
    }

    /**
     * The path parameter {@code id} when {@code pathSegments} fit this route's template (any method), else null;
     * the empty string for a template without parameters.
     */
    String matchId(List<String> pathSegments) {
        if (pathSegments.size() != segments.size()) {
            return null;
        }
        String id = "";
        for (int i = 0; i < segments.size(); i++) {
            String template = segments.get(i);
            if (template.equals("{id}")) {
                id = pathSegments.get(i);
            } else if (!template.equals(pathSegments.get(i))) {
                return null;
            }
        }
        return id;
    }

    static List<String> segments(String path) {
        if (path.equals("/")) {
            return List.of();
        }
        return Arrays.asList(path.substring(1).split("/", -1));
    }
}
