package dev.aiblog.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.core.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A small JSON HTTP client for the tests. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private Http() {}

    record Response(int status, JsonNode body, java.net.http.HttpHeaders headers) {}

    static JsonNode get(URI uri, String token) throws IOException, InterruptedException {
        Response r = send("GET", uri, token, null);
        if (r.status() != 200) {
            throw new AssertionError("GET " + uri + " answered " + r.status() + ": " + r.body());
        }
        return r.body();
    }

    static Response send(String method, URI uri, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty()
                ? Json.mapper().nullNode()
                : Json.mapper().readTree(response.body());
        return new Response(response.statusCode(), json, response.headers());
    }
}
