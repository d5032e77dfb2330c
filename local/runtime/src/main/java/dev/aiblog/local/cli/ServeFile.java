package dev.aiblog.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.core.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code <home>/serve.json}: where a running {@code ./aiblog serve} listens, so {@code ./aiblog generate} can send
 * its request through it instead of failing on the data folder the server holds.
 */
final class ServeFile {
    record Running(URI url, String token) {}

    private ServeFile() {}

    static void write(Path home, URI url, String token) {
        try {
            Files.createDirectories(home);
            Files.writeString(
                    home.resolve("serve.json"),
                    Json.write(java.util.Map.of(
                            "url",
                            url.toString(),
                            "token",
                            token,
                            "pid",
                            ProcessHandle.current().pid())));
        } catch (IOException e) {
            // generate will then report the held data folder instead
        }
    }

    static void delete(Path home) {
        try {
            Files.deleteIfExists(home.resolve("serve.json"));
        } catch (IOException ignored) {
            // a stale file is checked before use
        }
    }

    /** The server named in serve.json, if its process is alive and it answers. */
    static Optional<Running> running(Path home) {
        Path file = home.resolve("serve.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = Json.mapper().readTree(Files.readString(file));
            boolean alive = ProcessHandle.of(node.path("pid").asLong())
                    .map(ProcessHandle::isAlive)
                    .orElse(false);
            if (!alive) {
                return Optional.empty();
            }
            URI url = URI.create(node.path("url").asText());
            HttpResponse<Void> answer = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .build()
                    .send(
                            HttpRequest.newBuilder(url.resolve("/feed?limit=1"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 200
                    ? Optional.of(new Running(url, node.path("token").asText()))
                    : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
