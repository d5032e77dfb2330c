package dev.aiblog.local.iam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request as the gateway received it: what SigV4 signed and what is forwarded unchanged.
 *
 * @param rawPath the path exactly as sent (still percent-encoded)
 * @param rawQuery the query exactly as sent, without {@code ?}; empty for none
 * @param headers header names in lower case, values in the order received
 */
public record AwsRequest(
        String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {

    public AwsRequest {
        Objects.requireNonNull(method, "method");
        rawPath = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        rawQuery = rawQuery == null ? "" : rawQuery;
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach((name, values) -> lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                .addAll(values));
        lower.replaceAll((name, values) -> List.copyOf(values));
        headers = Map.copyOf(lower);
        body = body == null ? new byte[0] : body;
    }

    /** The header's values joined with a comma (as HTTP allows), if present. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(String.join(",", values));
    }

    /** The query's parameters, percent-decoded, in the order sent ({@code +} stays {@code +}, as SigV4 reads it). */
    public List<Map.Entry<String, String>> queryParameters() {
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        if (rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.add(Map.entry(UriEncoding.decode(name), UriEncoding.decode(value)));
        }
        return parameters;
    }

    /** The first value of a query parameter, if present. */
    public Optional<String> queryParameter(String name) {
        for (Map.Entry<String, String> parameter : queryParameters()) {
            if (parameter.getKey().equals(name)) {
                return Optional.of(parameter.getValue());
            }
        }
        return Optional.empty();
    }
}
