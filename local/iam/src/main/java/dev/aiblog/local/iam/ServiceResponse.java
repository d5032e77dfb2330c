package dev.aiblog.local.iam;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A complete HTTP response, from an in-process service or an error the gateway answers itself.
 *
 * @param headers response headers (one value each)
 */
public record ServiceResponse(int status, Map<String, String> headers, byte[] body) {

    public ServiceResponse {
        Objects.requireNonNull(headers, "headers");
        headers = Map.copyOf(new LinkedHashMap<>(headers));
        body = body == null ? new byte[0] : body;
    }

    /** A JSON response with the given content type. */
    public static ServiceResponse json(int status, String contentType, String json) {
        return new ServiceResponse(status, Map.of("Content-Type", contentType), json.getBytes(StandardCharsets.UTF_8));
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
