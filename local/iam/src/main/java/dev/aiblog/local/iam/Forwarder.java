package dev.aiblog.local.iam;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sends an allowed request on to its backend unchanged (method, path, query, end-to-end headers,
 * body) over pooled keep-alive connections ({@link BackendConnections}), and streams the backend's status, headers
 * and body back. The request is written and the answer read on the exchange's own thread: no client selector or
 * executor sits between the gateway and its backend, which is most of what the hop used to cost.
 */
final class Forwarder implements AutoCloseable {

    /** Hop-by-hop headers, and those the connection sets itself (Host, Content-Length, Expect). */
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

    private final BackendConnections connections = new BackendConnections();

    /** Forwards and answers the exchange; an unreachable backend becomes the service's 503 error. */
    void forward(AwsRequest request, URI backend, HttpExchange exchange, AwsService service) throws IOException {
        String basePath =
                backend.getRawPath() == null ? "" : backend.getRawPath().replaceAll("/+$", "");
        String target = basePath + request.rawPath() + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery());
        boolean hasBody = request.body().length > 0
                || request.headers().containsKey("content-length")
                || request.headers().containsKey("transfer-encoding");
        List<Map.Entry<String, String>> headers =
                new ArrayList<>(request.headers().size());
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            if (!NOT_FORWARDED.contains(header.getKey())) {
                for (String value : header.getValue()) {
                    headers.add(Map.entry(header.getKey(), value));
                }
            }
        }
        BackendConnections.Exchange response;
        try {
            response = connections.send(backend, request.method(), target, headers, hasBody ? request.body() : null);
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
        }
        try (response) {
            for (Map.Entry<String, String> header : response.head().headers()) {
                if (!NOT_RETURNED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    exchange.getResponseHeaders().add(header.getKey(), header.getValue());
                }
            }
            long length = response.length();
            int status = response.head().status();
            InputStream body = response.body();
            if (request.method().equals("HEAD") || status == 204 || status == 304) {
                // no body: the JDK server wants -1, and for HEAD the Content-Length set by hand
                String declared = response.head().first("Content-Length");
                if (request.method().equals("HEAD") && declared != null) {
                    exchange.getResponseHeaders().set("Content-Length", declared.strip());
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
        connections.close();
    }
}
