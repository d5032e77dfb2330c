package dev.aiblog.local.iam;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** A stand-in backend on loopback: records every request it receives and answers a canned response. */
final class RecordingBackend implements AutoCloseable {

    /** What the backend received. */
    record Received(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst()
                    .map(e -> String.join(",", e.getValue()))
                    .orElse(null);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    RecordingBackend(Function<Received, ServiceResponse> answer) throws IOException {
        server = LoopbackServers.create(executor);
        server.createContext("/", exchange -> {
            byte[] body;
            try (var in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Received request = new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    body);
            received.add(request);
            ServiceResponse response = answer.apply(request);
            response.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            boolean head = exchange.getRequestMethod().equals("HEAD");
            if (head && response.body().length > 0) {
                exchange.getResponseHeaders().set("Content-Length", Integer.toString(response.body().length));
            }
            exchange.sendResponseHeaders(
                    response.status(), head || response.body().length == 0 ? -1 : response.body().length);
            if (!head && response.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
            exchange.close();
        });
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    Received last() {
        return received.getLast();
    }

    void clear() {
        received.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
