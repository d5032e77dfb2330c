package dev.aiblog.functions.api;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.Map;

/** HTTP API (payload 2.0) events built in tests, shaped like those in events/. */
final class Events {
    static final String USER = "0c9b5f6e-3d1a-4f57-9a52-6f1f3c2d8e41";

    private final String method;
    private final String path;
    private final Map<String, String> headers = new HashMap<>();
    private final Map<String, String> query = new HashMap<>();
    private String body;
    private boolean base64;
    private String sub;
    private String groups;
    private String domainName;
    private String stage = "$default";

    private Events(String method, String path) {
        this.method = method;
        this.path = path;
        headers.put("content-type", "application/json");
    }

    static Events request(String method, String path) {
        return new Events(method, path);
    }

    Events as(String user) {
        this.sub = user;
        return this;
    }

    /** The caller's {@code cognito:groups} claim, as API Gateway's HTTP API passes a list: {@code [a b]}. */
    Events groups(String... names) {
        this.groups = "[" + String.join(" ", names) + "]";
        return this;
    }

    Events asUser() {
        return as(USER);
    }

    /** The API Gateway domain and stage the request came in on (requestContext.domainName and stage). */
    Events domain(String domainName, String stage) {
        this.domainName = domainName;
        this.stage = stage;
        return this;
    }

    Events body(String json) {
        this.body = json;
        return this;
    }

    Events base64Body(String encoded) {
        this.body = encoded;
        this.base64 = true;
        return this;
    }

    Events header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    Events query(String name, String value) {
        query.put(name, value);
        return this;
    }

    private Map<String, com.fasterxml.jackson.databind.JsonNode> claims() {
        Map<String, com.fasterxml.jackson.databind.JsonNode> claims = new HashMap<>();
        claims.put("sub", TextNode.valueOf(sub));
        claims.put("token_use", TextNode.valueOf("access"));
        if (groups != null) {
            claims.put("cognito:groups", TextNode.valueOf(groups));
        }
        return claims;
    }

    HttpApiEvent build() {
        var http = new HttpApiEvent.Http(method, path, "HTTP/1.1", "127.0.0.1", null);
        HttpApiEvent.Authorizer authorizer =
                sub == null ? null : new HttpApiEvent.Authorizer(new HttpApiEvent.Jwt(claims()));
        var context = new HttpApiEvent.RequestContext("$default", stage, "test", domainName, http, authorizer);
        String rawPath = stage == null || stage.equals("$default") ? path : "/" + stage + path;
        return new HttpApiEvent(
                "2.0",
                "$default",
                rawPath,
                null,
                new HashMap<>(headers),
                query.isEmpty() ? null : new HashMap<>(query),
                null,
                body,
                base64,
                context);
    }
}
