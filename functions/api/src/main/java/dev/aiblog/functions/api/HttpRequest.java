package dev.aiblog.functions.api;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the API reads of an HTTP API (payload format 2.0) event: method, path (without a stage prefix), headers
 * with lower-case names, query parameters, the body as text, the caller's {@code sub} when the JWT
 * authorizer (or, locally, the local API) has put claims in the event, its groups ({@code cognito:groups}), and the
 * address the request came in on.
 *
 * @param origin where the API was called, e.g. {@code https://abc123.execute-api.eu-west-1.amazonaws.com/prod}:
 *               the event's domain name, its stage unless {@code $default}, and the scheme and port API Gateway
 *               forwards ({@code x-forwarded-proto}, {@code x-forwarded-port})
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html">payload format 2.0</a>
 */
record HttpRequest(
        String method,
        String path,
        Map<String, String> headers,
        Map<String, String> query,
        String rawBody,
        boolean base64,
        Optional<String> caller,
        String origin,
        java.util.Set<String> groups) {

    static HttpRequest from(HttpApiEvent event) {
        var context = event.requestContext();
        String method =
                context != null && context.http() != null && context.http().method() != null
                        ? context.http().method()
                        : methodOfRouteKey(event.routeKey());
        String path = event.rawPath() != null
                ? event.rawPath()
                : context != null && context.http() != null ? context.http().path() : null;
        Map<String, String> headers = lowerCaseKeys(event.headers());
        return new HttpRequest(
                method == null ? "" : method.toUpperCase(Locale.ROOT),
                withoutStage(path == null || path.isEmpty() ? "/" : path, context == null ? null : context.stage()),
                headers,
                event.queryStringParameters() == null
                        ? Map.of()
                        : Map.copyOf(withoutNulls(event.queryStringParameters())),
                event.body(),
                event.isBase64Encoded(),
                caller(event),
                origin(
                        context == null ? null : context.domainName(),
                        context == null ? null : context.stage(),
                        headers),
                Editors.groups(event));
    }

    /** The bearer token in the Authorization header, if there is one. */
    Optional<String> bearerToken() {
        return header("authorization")
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).strip())
                .filter(token -> !token.isEmpty());
    }

    static String origin(String domainName, String stage, Map<String, String> headers) {
        String proto =
                firstValue(headers.get("x-forwarded-proto")).orElse("https").toLowerCase(Locale.ROOT);
        String host = domainName != null && !domainName.isBlank()
                ? domainName
                : firstValue(headers.get("host")).orElse("localhost");
        String port = firstValue(headers.get("x-forwarded-port")).orElse(null);
        boolean defaultPort = port == null
                || proto.equals("https") && port.equals("443")
                || proto.equals("http") && port.equals("80");
        String stagePath = stage == null || stage.isEmpty() || stage.equals("$default") ? "" : "/" + stage;
        return proto + "://" + host + (defaultPort || host.contains(":") ? "" : ":" + port) + stagePath;
    }

    private static Optional<String> firstValue(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String first = header.split(",", 2)[0].strip();
        return first.isEmpty() ? Optional.empty() : Optional.of(first);
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The path split into percent-decoded segments; a segment that does not decode stays as it is (and matches no id). */
    List<String> segments() {
        return Route.segments(path).stream().map(HttpRequest::decode).toList();
    }

    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try {
            return java.net.URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }

    private static String methodOfRouteKey(String routeKey) {
        if (routeKey == null || !routeKey.contains(" ")) {
            return null;
        }
        return routeKey.substring(0, routeKey.indexOf(' '));
    }

    /** With a named stage (not {@code $default}) API Gateway puts the stage name in front of the raw path. */
    private static String withoutStage(String path, String stage) {
        if (stage == null || stage.isEmpty() || stage.equals("$default")) {
            return path;
        }
        String prefix = "/" + stage;
        if (path.equals(prefix)) {
            return "/";
        }
        return path.startsWith(prefix + "/") ? path.substring(prefix.length()) : path;
    }

    private static Map<String, String> lowerCaseKeys(Map<String, String> headers) {
        if (headers == null) {
            return Map.of();
        }
        Map<String, String> lower = new HashMap<>();
        headers.forEach((name, value) -> {
            if (name != null && value != null) {
                lower.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + "," + b);
            }
        });
        return Map.copyOf(lower);
    }

    private static Map<String, String> withoutNulls(Map<String, String> map) {
        Map<String, String> copy = new HashMap<>();
        map.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }

    /**
     * The body as text, empty when there is none.
     *
     * @throws ApiException PAYLOAD_TOO_LARGE beyond {@code maxBytes}; INVALID_JSON when it is not UTF-8 text
     */
    Optional<String> body(int maxBytes) {
        if (rawBody == null || rawBody.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes;
        if (base64) {
            if (rawBody.length() > maxBytes / 3 * 4 + 8) {
                throw tooLarge(maxBytes);
            }
            try {
                bytes = Base64.getMimeDecoder().decode(rawBody);
            } catch (IllegalArgumentException e) {
                throw new ApiException(ErrorCode.INVALID_JSON, "the request body is marked base64 but does not decode");
            }
        } else {
            if (rawBody.length() > maxBytes) {
                throw tooLarge(maxBytes);
            }
            bytes = rawBody.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, "the request body is not UTF-8 text");
        }
    }

    private static ApiException tooLarge(int maxBytes) {
        return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "the request body is larger than " + maxBytes + " bytes");
    }

    private static Optional<String> caller(HttpApiEvent event) {
        var context = event.requestContext();
        if (context == null
                || context.authorizer() == null
                || context.authorizer().jwt() == null
                || context.authorizer().jwt().claims() == null) {
            return Optional.empty();
        }
        var claim = context.authorizer().jwt().claims().get("sub");
        String sub = claim == null || !claim.isTextual() ? null : claim.asText();
        return sub == null || sub.isBlank() ? Optional.empty() : Optional.of(sub.strip());
    }
}
