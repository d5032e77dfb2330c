package dev.aiblog.local.iam;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sends an allowed request on to its backend unchanged (method, path, query, end-to-end headers,
 * body) over a pooled keep-alive client, and streams the backend's status, headers and body back.
 */
final class Forwarder implements AutoCloseable {

    /** Hop-by-hop headers, and those the JDK client sets itself (Host, Content-Length, Expect). */
    private static final Set<String> NOT_FORWARDED = Set.of(
            "connection",
            "keep-alive",
            "proxy-connection",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "host",
            "content-length",
            "expect",
            "http2-settings");
    /** Response headers the JDK server writes itself. */
    private static final Set<String> NOT_RETURNED = Set.of(
            "connection",
            "keep-alive",
            "proxy-connection",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "content-length",
            "date");

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor)
            .build();

    /** Forwards and answers the exchange; an unreachable backend becomes the service's 503 error. */
    void forward(AwsRequest request, URI backend, HttpExchange exchange, AwsService service) throws IOException {
        String base = backend.toString().replaceAll("/+$", "");
        URI target =
                URI.create(base + request.rawPath() + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery()));
        boolean hasBody = request.body().length > 0
                || request.headers().containsKey("content-length")
                || request.headers().containsKey("transfer-encoding");
        HttpRequest.Builder outgoing = HttpRequest.newBuilder(target)
                .method(
                        request.method(),
                        hasBody
                                ? HttpRequest.BodyPublishers.ofByteArray(request.body())
                                : HttpRequest.BodyPublishers.noBody());
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            if (!NOT_FORWARDED.contains(header.getKey())) {
                for (String value : header.getValue()) {
                    outgoing.header(header.getKey(), value);
                }
            }
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(outgoing.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            GatewayExchanges.send(
                    exchange,
                    ErrorResponses.refuse(
                            service,
                            Refusal.BACKEND_UNAVAILABLE,
                            "the " + service.signingName() + " backend at " + backend + " did not answer: " + e,
                            Map.of(),
                            false));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding to " + target, e);
        }
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!NOT_RETURNED.contains(name) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(header.getKey(), header.getValue());
            }
        }
        long length = response.headers().firstValueAsLong("content-length").orElse(-1);
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            if (request.method().equals("HEAD") || status == 204 || status == 304 || (status >= 100 && status < 200)) {
                // no body: the JDK server wants -1, and for HEAD the Content-Length set by hand
                if (request.method().equals("HEAD") && length >= 0) {
                    exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
                }
                exchange.sendResponseHeaders(status, -1);
                body.transferTo(OutputStream.nullOutputStream());
            } else {
                exchange.sendResponseHeaders(status, length == 0 ? -1 : length < 0 ? 0 : length);
                try (OutputStream out = exchange.getResponseBody()) {
                    body.transferTo(out);
                }
            }
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        client.close();
        executor.close();
    }
}
