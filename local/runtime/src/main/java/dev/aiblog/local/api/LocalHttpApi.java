package dev.aiblog.local.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aiblog.asl.TaskFailedException;
import dev.aiblog.core.Json;
import dev.aiblog.local.http.LoopbackHttpServers;
import dev.aiblog.local.lambda.LocalFunctions;
import dev.aiblog.local.sam.SamTemplate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API Gateway (HTTP API, payload format 2.0) on localhost, like {@code sam local start-api}: routes come from the
 * template's {@code HttpApi} events, each request becomes the event API Gateway would send, and the JWT
 * authorizer's part is played by a bearer token: a request to a protected route without it gets API Gateway's
 * 401; with it, the event carries {@code requestContext.authorizer.jwt.claims} as Cognito's would. A token
 * {@code <token>:<user>} acts as another user (for trying per-user behaviour). On every route, public ones too, the
 * function sees in the Authorization header what the app would send in AWS for that user: a signed access token
 * ({@link LocalAuthorizer}) instead of the dev token. Like API Gateway, it forwards {@code x-forwarded-proto} and
 * {@code x-forwarded-port}, so the function can name its own address.
 */
public final class LocalHttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalHttpApi.class);
    public static final String DEFAULT_USER = "local-dev-user";

    /** A route of the template: method (or ANY), path template, and whether the JWT authorizer guards it. */
    record Route(String method, String path, Pattern pattern, List<String> parameters, boolean authorized) {
        String routeKey() {
            return "$default".equals(path) ? "$default" : method + " " + path;
        }
    }

    private final LocalFunctions functions;
    private final String functionId;
    private final List<Route> routes;
    private final String token;
    private final LocalAuthorizer authorizer;
    private final HttpServer server;

    public LocalHttpApi(SamTemplate template, LocalFunctions functions, String token, int port) {
        this(template, functions, token, port, LocalAuthorizer.create());
    }

    public LocalHttpApi(
            SamTemplate template, LocalFunctions functions, String token, int port, LocalAuthorizer authorizer) {
        this.functions = functions;
        this.token = token;
        this.authorizer = authorizer;
        Map.Entry<String, List<Route>> api = routes(template);
        this.functionId = api.getKey();
        this.routes = api.getValue();
        try {
            server = LoopbackHttpServers.start(port, this::handle);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " (is another server using it?)", e);
        }
    }

    public URI url() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    public String token() {
        return token;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Finds the function with HttpApi events and its routes. */
    static Map.Entry<String, List<Route>> routes(SamTemplate template) {
        for (SamTemplate.Function function : template.functions()) {
            List<Route> routes = new ArrayList<>();
            function.events().values().forEach(event -> {
                if ("HttpApi".equals(event.path("Type").asText())) {
                    JsonNode props = event.path("Properties");
                    String path = props.path("Path").asText("$default");
                    String method = props.path("Method").asText("ANY").toUpperCase(Locale.ROOT);
                    boolean open =
                            "NONE".equals(props.path("Auth").path("Authorizer").asText(""));
                    routes.add(route(method, path, !open));
                }
            });
            if (!routes.isEmpty()) {
                return Map.entry(function.logicalId(), routes);
            }
        }
        throw new IllegalStateException("template.yaml has no function with HttpApi events");
    }

    static Route route(String method, String path, boolean authorized) {
        List<String> names = new ArrayList<>();
        StringBuilder regex = new StringBuilder("^");
        Matcher m = Pattern.compile("\\{([^}+]+)(\\+?)}").matcher(path);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(path.substring(last, m.start())));
            regex.append(m.group(2).isEmpty() ? "([^/]+)" : "(.+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(path.substring(last))).append("$");
        return new Route(
                method, path, Pattern.compile("$default".equals(path) ? ".*" : regex.toString()), names, authorized);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            if (origin != null && allowedOrigin(origin)) {
                exchange.getResponseHeaders().add("Access-Control-Allow-Origin", origin);
                exchange.getResponseHeaders().add("Vary", "Origin");
            }
            if ("OPTIONS".equals(method) && exchange.getRequestHeaders().containsKey("Access-Control-Request-Method")) {
                exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "GET,POST,DELETE,OPTIONS");
                exchange.getResponseHeaders()
                        .add("Access-Control-Allow-Headers", "authorization,content-type,idempotency-key");
                exchange.getResponseHeaders().add("Access-Control-Max-Age", "600");
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            Optional<Map.Entry<Route, Map<String, String>>> match = match(method, path);
            if (match.isEmpty()) {
                send(exchange, 404, "{\"message\":\"Not Found\"}", Map.of());
                return;
            }
            Route route = match.get().getKey();
            Optional<String> user = user(exchange.getRequestHeaders().getFirst("Authorization"));
            if (route.authorized() && user.isEmpty()) {
                send(exchange, 401, "{\"message\":\"Unauthorized\"}", Map.of());
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            ObjectNode event = event(exchange, route, match.get().getValue(), user, body);
            JsonNode response;
            try {
                response = Json.mapper().readTree(functions.invokeRaw(functionId, Json.writeBytes(event)));
            } catch (TaskFailedException e) {
                LOG.error("{} failed: {}", functionId, e.cause());
                send(exchange, 500, "{\"message\":\"Internal Server Error\"}", Map.of());
                return;
            }
            respond(exchange, response);
        }
    }

    private Optional<Map.Entry<Route, Map<String, String>>> match(String method, String path) {
        Route fallback = null;
        for (Route route : routes) {
            if ("$default".equals(route.path())) {
                fallback = route;
                continue;
            }
            Matcher m = route.pattern().matcher(path);
            if (m.matches() && (route.method().equals(method) || route.method().equals("ANY"))) {
                Map<String, String> params = new LinkedHashMap<>();
                for (int i = 0; i < route.parameters().size(); i++) {
                    params.put(route.parameters().get(i), URLDecoder.decode(m.group(i + 1), StandardCharsets.UTF_8));
                }
                return Optional.of(Map.entry(route, params));
            }
        }
        return fallback == null ? Optional.empty() : Optional.of(Map.entry(fallback, Map.of()));
    }

    Optional<String> user(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String presented = authorization.substring(7).trim();
        if (presented.equals(token)) {
            return Optional.of(DEFAULT_USER);
        }
        if (presented.startsWith(token + ":") && presented.length() > token.length() + 1) {
            return Optional.of(presented.substring(token.length() + 1));
        }
        return Optional.empty();
    }

    /** @param user the signed-in caller: claims on a protected route, a signed token in the Authorization header on any */
    private ObjectNode event(
            HttpExchange exchange, Route route, Map<String, String> pathParams, Optional<String> user, byte[] body) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", exchange.getRequestURI().getRawPath());
        String query = exchange.getRequestURI().getRawQuery();
        event.put("rawQueryString", query == null ? "" : query);
        ObjectNode headers = event.putObject("headers");
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (name.equalsIgnoreCase("Cookie")) {
                values.forEach(v -> cookies.addAll(List.of(v.split(";\\s*"))));
            } else {
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values));
            }
        });
        user.ifPresent(sub -> headers.put("authorization", "Bearer " + authorizer.accessToken(sub, Instant.now())));
        headers.put("x-forwarded-proto", "http");
        headers.put("x-forwarded-port", String.valueOf(server.getAddress().getPort()));
        if (!cookies.isEmpty()) {
            var array = event.putArray("cookies");
            cookies.forEach(array::add);
        }
        if (query != null && !query.isEmpty()) {
            ObjectNode params = event.putObject("queryStringParameters");
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
                String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
                params.put(key, params.has(key) ? params.get(key).asText() + "," + value : value);
            }
        }
        if (!pathParams.isEmpty()) {
            ObjectNode params = event.putObject("pathParameters");
            pathParams.forEach(params::put);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", SamTemplate.ACCOUNT);
        context.put("apiId", "local");
        context.put("domainName", "localhost");
        context.put("domainPrefix", "localhost");
        ObjectNode http = context.putObject("http");
        http.put("method", exchange.getRequestMethod().toUpperCase(Locale.ROOT));
        http.put("path", exchange.getRequestURI().getRawPath());
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put(
                "userAgent",
                Optional.ofNullable(exchange.getRequestHeaders().getFirst("User-Agent"))
                        .orElse(""));
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", route.routeKey());
        context.put("stage", "$default");
        Instant now = Instant.now();
        context.put("time", now.toString());
        context.put("timeEpoch", now.toEpochMilli());
        user.filter(sub -> route.authorized()).ifPresent(sub -> {
            ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
            ObjectNode claims = jwt.putObject("claims");
            claims.put("sub", sub);
            claims.put("username", sub);
            authorizer.groups(sub).ifPresent(groups -> claims.put("cognito:groups", groups));
            claims.put("iss", "http://localhost/local-dev-authorizer");
            claims.put("token_use", "access");
            jwt.putNull("scopes");
        });
        if (body.length > 0) {
            String contentType = Optional.ofNullable(
                            exchange.getRequestHeaders().getFirst("Content-Type"))
                    .orElse("");
            boolean text = contentType.isEmpty() || contentType.contains("json") || contentType.startsWith("text/");
            event.put(
                    "body",
                    text
                            ? new String(body, StandardCharsets.UTF_8)
                            : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    private static void respond(HttpExchange exchange, JsonNode response) throws IOException {
        int status = response.path("statusCode").asInt(200);
        Map<String, String> headers = new LinkedHashMap<>();
        response.path("headers")
                .properties()
                .forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        String body = response.path("body").asText("");
        byte[] bytes = response.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        send(exchange, status, bytes, headers);
    }

    private static void send(HttpExchange exchange, int status, String body, Map<String, String> headers)
            throws IOException {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putIfAbsent("content-type", "application/json");
        send(exchange, status, body.getBytes(StandardCharsets.UTF_8), all);
    }

    private static void send(HttpExchange exchange, int status, byte[] bytes, Map<String, String> headers)
            throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The mobile app's dev servers, and any localhost origin. */
    static boolean allowedOrigin(String origin) {
        return origin.matches("https?://(localhost|127\\.0\\.0\\.1)(:\\d+)?");
    }
}
