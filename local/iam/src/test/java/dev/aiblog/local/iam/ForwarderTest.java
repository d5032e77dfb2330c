package dev.aiblog.local.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.core5.util.TimeValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the gateway forwards and answers, byte for byte: a raw client in front of a JDK server whose handler is the
 * {@link Forwarder}, and behind it a backend that answers exactly what each test scripts (the framings servers use:
 * length, chunks, until close, none; interim and error statuses; connection reuse; a pooled connection the backend
 * closed while it was idle).
 */
class ForwarderTest {

    private static final long VALIDATE_AFTER_MILLIS = 100;

    private final Forwarder forwarder = new Forwarder(TimeValue.ofMilliseconds(VALIDATE_AFTER_MILLIS));
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private HttpServer gateway;
    private ScriptedBackend backend;
    private URI backendUri;

    @BeforeEach
    void startGateway() throws IOException {
        gateway = LoopbackServers.create(executor);
        gateway.createContext(
                "/",
                exchange -> forwarder.forward(GatewayExchanges.read(exchange), backendUri, exchange, AwsService.S3));
        gateway.start();
    }

    @AfterEach
    void close() throws IOException {
        gateway.stop(0);
        executor.close();
        forwarder.close();
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void forwardsMethodRawTargetHeadersAndBody_addingOnlyHostContentLengthAndConnection() throws Exception {
        backend(
                false,
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Amz-Request-Id: r1\r\nContent-Length: 5\r\n\r\nhello");

        Answer answer = send("POST /bucket/a%2Fb%20c?x-id=PutObject&v=%2B1 HTTP/1.1\r\n"
                + "Host: gateway.example\r\n"
                + "X-Amz-Target: DynamoDB_20120810.Query\r\n"
                + "Origin: http://localhost:8081\r\n"
                + "Content-Type: application/x-amz-json-1.0\r\n"
                + "Content-Length: 2\r\n"
                + "\r\n"
                + "{}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("content-type")).isEqualTo("text/plain");
        assertThat(answer.header("x-amz-request-id")).isEqualTo("r1");
        assertThat(answer.header("content-length")).isEqualTo("5");
        assertThat(answer.body()).isEqualTo("hello");
        Request sent = Request.parse(backend.requests.poll(5, TimeUnit.SECONDS));
        assertThat(sent.line()).isEqualTo("POST /bucket/a%2Fb%20c?x-id=PutObject&v=%2B1 HTTP/1.1");
        assertThat(sent.headerNames())
                .containsExactlyInAnyOrder(
                        "host", "x-amz-target", "origin", "content-type", "content-length", "connection");
        assertThat(sent.header("host")).isEqualTo("127.0.0.1:" + backend.port());
        assertThat(sent.header("x-amz-target")).isEqualTo("DynamoDB_20120810.Query");
        assertThat(sent.header("origin")).isEqualTo("http://localhost:8081");
        assertThat(sent.header("content-length")).isEqualTo("2");
        assertThat(sent.header("connection")).isEqualTo("keep-alive");
        assertThat(sent.body()).isEqualTo("{}");
    }

    @Test
    void aBackendWithAPath_getsTheRequestUnderIt() throws Exception {
        backend(false, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        backendUri = URI.create(backend.uri() + "/prefix//");

        send("GET /bucket/a%2Fb?x=1 HTTP/1.1\r\nHost: g\r\n\r\n");

        assertThat(Request.parse(backend.requests.poll(5, TimeUnit.SECONDS)).line())
                .isEqualTo("GET /prefix/bucket/a%2Fb?x=1 HTTP/1.1");
    }

    @Test
    void aGetWithoutBody_goesOutWithoutContentLength_userAgentOrUpgrade() throws Exception {
        backend(false, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

        send("GET /bucket/key?X-Amz-Signature=abc HTTP/1.1\r\nHost: gateway.example\r\n\r\n");

        Request sent = Request.parse(backend.requests.poll(5, TimeUnit.SECONDS));
        assertThat(sent.line()).isEqualTo("GET /bucket/key?X-Amz-Signature=abc HTTP/1.1");
        assertThat(sent.headerNames()).containsExactlyInAnyOrder("host", "connection");
    }

    @Test
    void aChunkedBody_comesBackChunked_andTheBackendConnectionIsReused() throws Exception {
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;ext=1\r\nWiki\r\n6\r\npedia \r\nE\r\nin \r\n\r\nchunks.\r\n0\r\nX-Trailer: t\r\n\r\n";
        backend(false, chunked, chunked);

        for (int i = 0; i < 2; i++) {
            Answer answer = send("GET / HTTP/1.1\r\nHost: g\r\n\r\n");
            assertThat(answer.header("transfer-encoding")).isEqualToIgnoringCase("chunked");
            assertThat(answer.header("content-length")).isNull();
            assertThat(answer.body()).isEqualTo("Wikipedia in \r\n\r\nchunks.");
        }

        assertThat(backend.accepted.get()).isEqualTo(1);
    }

    @Test
    void aLargeStreamedBody_arrivesWhole() throws Exception {
        StringBuilder chunks = new StringBuilder("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            String chunk = String.valueOf((char) ('a' + i % 26)).repeat(8192);
            chunks.append(Integer.toHexString(chunk.length()))
                    .append("\r\n")
                    .append(chunk)
                    .append("\r\n");
            expected.append(chunk);
        }
        backend(false, chunks.append("0\r\n\r\n").toString());

        Answer answer = send("GET /bucket/big HTTP/1.1\r\nHost: g\r\n\r\n");

        assertThat(answer.body()).hasSize(200 * 8192).isEqualTo(expected.toString());
    }

    @Test
    void aBodyWithoutLength_endsWithTheConnection_whichIsNotReused() throws Exception {
        backend(
                true,
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil close",
                "HTTP/1.1 204 No Content\r\n\r\n");

        assertThat(send("GET / HTTP/1.1\r\nHost: g\r\n\r\n").body()).isEqualTo("until close");
        Answer deleted = send("DELETE /k HTTP/1.1\r\nHost: g\r\n\r\n");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();

        assertThat(backend.accepted.get()).isEqualTo(2);
    }

    @Test
    void headAnswers_keepTheirContentLength_withoutBody() throws Exception {
        backend(
                false,
                "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\nETag: \"e\"\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc");

        Answer head = send("HEAD /bucket/key HTTP/1.1\r\nHost: g\r\n\r\n");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("content-length")).isEqualTo("1234");
        assertThat(head.header("etag")).isEqualTo("\"e\"");
        assertThat(head.body()).isEmpty();
        assertThat(send("GET /bucket/key HTTP/1.1\r\nHost: g\r\n\r\n").body()).isEqualTo("abc");

        assertThat(backend.accepted.get()).isEqualTo(1);
    }

    @Test
    void errorStatuses_comeBackWithTheirBodies() throws Exception {
        String error = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\"}";
        backend(
                false,
                "HTTP/1.1 400 Bad Request\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: "
                        + error.length() + "\r\n\r\n" + error,
                "HTTP/1.1 404 Not Found\r\nContent-Type: application/xml\r\nContent-Length: 8\r\n\r\n<Error/>",
                "HTTP/1.1 500 Server Error\r\nContent-Length: 0\r\n\r\n");

        Answer bad = send("POST / HTTP/1.1\r\nHost: g\r\nContent-Length: 2\r\n\r\n{}");
        Answer missing = send("GET /bucket/none HTTP/1.1\r\nHost: g\r\n\r\n");
        Answer failed = send("GET /bucket/x HTTP/1.1\r\nHost: g\r\n\r\n");

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).isEqualTo(error);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("content-type")).isEqualTo("application/xml");
        assertThat(missing.body()).isEqualTo("<Error/>");
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.body()).isEmpty();
        assertThat(backend.accepted.get()).isEqualTo(1);
    }

    @Test
    void interimResponses_areSkipped() throws Exception {
        backend(false, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok");

        Answer answer = send("PUT /b/k HTTP/1.1\r\nHost: g\r\nContent-Length: 3\r\n\r\nabc");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body()).isEqualTo("ok");
    }

    @Test
    void aPooledConnectionTheBackendClosed_isReplaced_andTheRequestSentOnce() throws Exception {
        // the backend answers one request per connection, then closes it without saying so
        backend = new ScriptedBackend(
                false,
                1,
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst",
                "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecond");
        backendUri = backend.uri();

        assertThat(send("POST / HTTP/1.1\r\nHost: g\r\nContent-Length: 0\r\n\r\n")
                        .body())
                .isEqualTo("first");
        backend.awaitClosed(1);
        Thread.sleep(2 * VALIDATE_AFTER_MILLIS);
        assertThat(send("POST / HTTP/1.1\r\nHost: g\r\nContent-Length: 0\r\n\r\n")
                        .body())
                .isEqualTo("second");

        assertThat(backend.accepted.get()).isEqualTo(2);
        assertThat(backend.answered.get()).isEqualTo(2);
    }

    @Test
    void aBodyShorterThanItsLength_isNeverAnsweredWhole() throws Exception {
        backend(true, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort");

        String raw = sendRaw("GET / HTTP/1.1\r\nHost: g\r\n\r\n");

        // the connection ends before the answer does (here, before its head was flushed)
        if (!raw.isEmpty()) {
            Answer answer = Answer.parse(raw, false);
            assertThat(answer.header("content-length")).isEqualTo("10");
            assertThat(answer.body()).hasSizeLessThan(10);
        }
    }

    @Test
    void aBackendThatDoesNotListen_isTheServicesServiceUnavailable() throws Exception {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            backendUri = URI.create("http://127.0.0.1:" + free.getLocalPort());
        }

        Answer answer = send("GET /bucket/key HTTP/1.1\r\nHost: g\r\n\r\n");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body()).contains("<Code>ServiceUnavailable</Code>");
    }

    private void backend(boolean closeAfterEach, String... responses) throws IOException {
        backend = new ScriptedBackend(closeAfterEach, responses);
        backendUri = backend.uri();
    }

    /** Sends a raw request on its own connection, with {@code Connection: close}, and reads the answer to its end. */
    private Answer send(String request) throws IOException {
        return Answer.parse(sendRaw(request), request.startsWith("HEAD "));
    }

    private String sendRaw(String request) throws IOException {
        int endOfHead = request.indexOf("\r\n\r\n");
        String closing = request.substring(0, endOfHead) + "\r\nConnection: close" + request.substring(endOfHead);
        try (Socket socket = new Socket(
                InetAddress.getLoopbackAddress(), gateway.getAddress().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(closing.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(all);
            } catch (IOException e) {
                // a reset after a short body: what arrived is the answer
            }
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** An HTTP message's header fields, as {name as sent, value}. */
    private interface Message {
        List<String[]> headers();

        /** The first value of a header, by its name in any case; null when it is absent. */
        default String header(String name) {
            return headers().stream()
                    .filter(h -> h[0].equalsIgnoreCase(name))
                    .map(h -> h[1])
                    .findFirst()
                    .orElse(null);
        }
    }

    /** The header fields after a message's first line, as {name as sent, value}. */
    private static List<String[]> headerFields(String[] lines) {
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(new String[] {
                lines[i].substring(0, colon), lines[i].substring(colon + 1).strip()
            });
        }
        return headers;
    }

    /** A response as the client received it; the body de-chunked when it came chunked. */
    private record Answer(int status, List<String[]> headers, String body) implements Message {
        static Answer parse(String raw, boolean head) {
            int endOfHead = raw.indexOf("\r\n\r\n");
            String[] lines = raw.substring(0, endOfHead).split("\r\n");
            List<String[]> headers = headerFields(lines);
            String rest = head ? "" : raw.substring(endOfHead + 4);
            Answer answer = new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, rest);
            if ("chunked".equalsIgnoreCase(answer.header("transfer-encoding"))) {
                StringBuilder body = new StringBuilder();
                int at = 0;
                while (true) {
                    int lineEnd = rest.indexOf("\r\n", at);
                    int size = Integer.parseInt(
                            rest.substring(at, lineEnd).split(";")[0].strip(), 16);
                    if (size == 0) {
                        break;
                    }
                    body.append(rest, lineEnd + 2, lineEnd + 2 + size);
                    at = lineEnd + 2 + size + 2;
                }
                return new Answer(answer.status, headers, body.toString());
            }
            return answer;
        }
    }

    /** A request as the backend received it. */
    private record Request(String line, List<String[]> headers, String body) implements Message {
        static Request parse(String raw) {
            assertThat(raw).isNotNull();
            int endOfHead = raw.indexOf("\r\n\r\n");
            String[] lines = raw.substring(0, endOfHead).split("\r\n");
            return new Request(lines[0], headerFields(lines), raw.substring(endOfHead + 4));
        }

        List<String> headerNames() {
            return headers.stream().map(h -> h[0].toLowerCase(Locale.ROOT)).toList();
        }
    }

    /**
     * Answers each request it reads with the next scripted response, as raw bytes. With {@code closeAfterEach} it
     * closes the connection after each answer (for bodies that end with the connection); with {@code perConnection}
     * it answers that many requests on a connection, then closes it silently.
     */
    private static final class ScriptedBackend implements AutoCloseable {
        final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        private final ServerSocket server;
        private final List<String> responses;
        private final boolean closeAfterEach;
        private final int perConnection;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        ScriptedBackend(boolean closeAfterEach, String... responses) throws IOException {
            this(closeAfterEach, Integer.MAX_VALUE, responses);
        }

        ScriptedBackend(boolean closeAfterEach, int perConnection, String... responses) throws IOException {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.responses = List.of(responses);
            this.closeAfterEach = closeAfterEach;
            this.perConnection = perConnection;
            Thread.ofVirtual().start(this::accept);
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + port());
        }

        int port() {
            return server.getLocalPort();
        }

        void awaitClosed(int connections) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (closed.get() < connections && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(closed.get()).isGreaterThanOrEqualTo(connections);
        }

        private void accept() {
            try {
                while (true) {
                    Socket socket = server.accept();
                    accepted.incrementAndGet();
                    sockets.add(socket);
                    Thread.ofVirtual().start(() -> serve(socket));
                }
            } catch (IOException e) {
                // closed
            }
        }

        private void serve(Socket socket) {
            try (socket) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                for (int onThis = 0; onThis < perConnection; onThis++) {
                    String request = readRequest(in);
                    if (request == null) {
                        return;
                    }
                    requests.add(request);
                    int index = answered.getAndIncrement();
                    out.write(
                            responses.get(Math.min(index, responses.size() - 1)).getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (closeAfterEach) {
                        return;
                    }
                }
            } catch (IOException e) {
                // the client went away
            } finally {
                closed.incrementAndGet();
            }
        }

        /** The request's head and body (by its Content-Length); null at the end of the connection. */
        private static String readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                head.write(b);
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            int length = 0;
            for (String line : text.split("\r\n")) {
                if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(line.substring(15).strip());
                }
            }
            return text + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
