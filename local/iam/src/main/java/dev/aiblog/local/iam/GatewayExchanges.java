package dev.aiblog.local.iam;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/** Reading a request from, and writing a complete response to, a JDK {@code HttpExchange}. */
final class GatewayExchanges {

    private GatewayExchanges() {}

    static AwsRequest read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (var in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, List<String>> headers = exchange.getRequestHeaders();
        return new AwsRequest(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(),
                headers,
                body);
    }

    static void send(HttpExchange exchange, ServiceResponse response) throws IOException {
        try {
            response.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            boolean noBody = exchange.getRequestMethod().equals("HEAD")
                    || response.body().length == 0
                    || response.status() == 204
                    || response.status() == 304;
            if (exchange.getRequestMethod().equals("HEAD") && response.body().length > 0) {
                exchange.getResponseHeaders().set("Content-Length", Integer.toString(response.body().length));
            }
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } finally {
            exchange.close();
        }
    }
}
