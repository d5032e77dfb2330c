package dev.aiblog.local.iam;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends an allowed request on to its backend unchanged (method, raw path and query, end-to-end headers, body) and
 * streams the backend's status, headers and body back, with Apache HttpClient 5 (classic, blocking): the request is
 * written and the answer read on the exchange's own thread, over pooled keep-alive connections.
 *
 * <p>The client does nothing a proxy must not: no retries, redirects, decompression, cookies, authentication,
 * {@code Expect: 100-continue}, TLS upgrade offers or default {@code User-Agent}. What it adds is what any HTTP/1.1
 * hop sets itself: {@code Host} (the backend), {@code Content-Length} for a body, and {@code Connection}.
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

    /**
     * More than the gateway's callers ever have open at once towards one emulator (every function of a burst, the
     * queue pollers' long polls); connections are only opened on demand.
     */
    private static final int MAX_CONNECTIONS_PER_BACKEND = 512;

    private final CloseableHttpClient client;

    Forwarder() {
        this(TimeValue.ofSeconds(1));
    }

    /**
     * @param validateAfterInactivity a pooled connection idle for longer is checked before reuse (a backend may have
     *     closed it meanwhile, and a request is never sent twice)
     */
    Forwarder(TimeValue validateAfterInactivity) {
        client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(MAX_CONNECTIONS_PER_BACKEND)
                        .setMaxConnTotal(4 * MAX_CONNECTIONS_PER_BACKEND)
                        .setDefaultSocketConfig(
                                SocketConfig.custom().setTcpNoDelay(true).build())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(10))
                                // an SQS long poll waits up to 20 s for its answer
                                .setSocketTimeout(Timeout.DISABLED)
                                // servers close idle connections after 30 s or more
                                .setIdleTimeout(Timeout.ofSeconds(15))
                                .setValidateAfterInactivity(validateAfterInactivity)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setRedirectsEnabled(false)
                        .setAuthenticationEnabled(false)
                        .setContentCompressionEnabled(false)
                        .setExpectContinueEnabled(false)
                        .setProtocolUpgradeEnabled(false)
                        .setResponseTimeout(Timeout.DISABLED)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableConnectionState()
                .disableDefaultUserAgent()
                .build();
    }

    /** Forwards and answers the exchange; an unreachable backend becomes the service's 503 error. */
    void forward(AwsRequest request, URI backend, HttpExchange exchange, AwsService service) throws IOException {
        String target =
                basePath(backend) + request.rawPath() + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery());
        HttpHost host = new HttpHost(backend.getScheme(), backend.getHost(), backend.getPort());
        BasicClassicHttpRequest forwarded = new BasicClassicHttpRequest(request.method(), host, target);
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            if (!NOT_FORWARDED.contains(header.getKey())) {
                for (String value : header.getValue()) {
                    forwarded.addHeader(header.getKey(), value);
                }
            }
        }
        boolean hasBody = request.body().length > 0
                || request.headers().containsKey("content-length")
                || request.headers().containsKey("transfer-encoding");
        if (hasBody) {
            // no content type here: the request's own Content-Type header is forwarded as it came
            forwarded.setEntity(new ByteArrayEntity(request.body(), null));
        }
        ClassicHttpResponse response;
        try {
            response = client.executeOpen(host, forwarded, null);
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
            for (Header header : response.getHeaders()) {
                if (!NOT_RETURNED.contains(header.getName().toLowerCase(Locale.ROOT))) {
                    exchange.getResponseHeaders().add(header.getName(), header.getValue());
                }
            }
            int status = response.getCode();
            HttpEntity entity = response.getEntity();
            if (entity == null || request.method().equals("HEAD") || status == 204 || status == 304) {
                // no body: the JDK server wants -1, and for HEAD the Content-Length set by hand
                Header declared = response.getFirstHeader("Content-Length");
                if (request.method().equals("HEAD") && declared != null) {
                    exchange.getResponseHeaders()
                            .set("Content-Length", declared.getValue().strip());
                }
                exchange.sendResponseHeaders(status, -1);
                if (entity != null) {
                    try (InputStream body = entity.getContent()) {
                        body.transferTo(OutputStream.nullOutputStream());
                    }
                }
            } else {
                long length = entity.getContentLength();
                exchange.sendResponseHeaders(status, length == 0 ? -1 : length < 0 ? 0 : length);
                try (InputStream body = entity.getContent();
                        OutputStream out = exchange.getResponseBody()) {
                    body.transferTo(out);
                }
            }
        } finally {
            exchange.close();
        }
    }

    /** The backend URI's path without trailing slashes (no regex: this runs for every forwarded request). */
    private static String basePath(URI backend) {
        String path = backend.getRawPath();
        if (path == null) {
            return "";
        }
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
