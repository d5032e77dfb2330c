package dev.aiblog.local.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's connections to its backends, against a backend that answers byte for byte what each test scripts:
 * the framings servers use (length, chunks, until close, none), connection reuse, and a pooled connection the
 * backend closed while it was idle.
 */
class BackendConnectionsTest {

    private final BackendConnections connections = new BackendConnections();
    private ScriptedBackend backend;

    @AfterEach
    void close() throws IOException {
        connections.close();
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void sendsTheRequestAsGiven_withHostAndContentLength_andReadsAFixedLengthBody() throws Exception {
        backend = new ScriptedBackend(
                false, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello");

        try (BackendConnections.Exchange exchange = connections.send(
                backend.uri(),
                "POST",
                "/path?a=b",
                List.of(
                        Map.entry("x-amz-target", "DynamoDB_20120810.Query"),
                        Map.entry("origin", "http://localhost:8081")),
                "{}".getBytes(StandardCharsets.UTF_8))) {
            assertThat(exchange.head().status()).isEqualTo(200);
            assertThat(exchange.head().first("content-type")).isEqualTo("text/plain");
            assertThat(exchange.length()).isEqualTo(5);
            assertThat(read(exchange.body())).isEqualTo("hello");
        }

        String request = backend.requests.poll(5, TimeUnit.SECONDS);
        assertThat(request)
                .startsWith("POST /path?a=b HTTP/1.1\r\n")
                .contains("Host: 127.0.0.1:" + backend.port() + "\r\n")
                .contains("x-amz-target: DynamoDB_20120810.Query\r\n")
                .contains("origin: http://localhost:8081\r\n")
                .contains("Content-Length: 2\r\n")
                .endsWith("\r\n\r\n{}");
    }

    @Test
    void readsAChunkedBody_andReusesTheConnection() throws Exception {
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;ext=1\r\nWiki\r\n6\r\npedia \r\nE\r\nin \r\n\r\nchunks.\r\n0\r\nX-Trailer: t\r\n\r\n";
        backend = new ScriptedBackend(false, chunked, chunked);

        for (int i = 0; i < 2; i++) {
            try (BackendConnections.Exchange exchange = connections.send(backend.uri(), "GET", "/", List.of(), null)) {
                assertThat(exchange.length()).isEqualTo(-1);
                assertThat(read(exchange.body())).isEqualTo("Wikipedia in \r\n\r\nchunks.");
            }
        }

        assertThat(backend.accepted.get()).isEqualTo(1);
        assertThat(backend.requests.poll(5, TimeUnit.SECONDS))
                .startsWith("GET / HTTP/1.1\r\n")
                .doesNotContain("Content-Length");
    }

    @Test
    void aBodyWithoutLength_endsWithTheConnection_whichIsNotReused() throws Exception {
        backend = new ScriptedBackend(
                true,
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil close",
                "HTTP/1.1 204 No Content\r\n\r\n");

        try (BackendConnections.Exchange exchange = connections.send(backend.uri(), "GET", "/", List.of(), null)) {
            assertThat(read(exchange.body())).isEqualTo("until close");
        }
        try (BackendConnections.Exchange exchange = connections.send(backend.uri(), "DELETE", "/k", List.of(), null)) {
            assertThat(exchange.head().status()).isEqualTo(204);
            assertThat(read(exchange.body())).isEmpty();
        }

        assertThat(backend.accepted.get()).isEqualTo(2);
    }

    @Test
    void headAnswers_haveNoBody_evenWithAContentLength() throws Exception {
        backend = new ScriptedBackend(
                false,
                "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc");

        try (BackendConnections.Exchange exchange =
                connections.send(backend.uri(), "HEAD", "/bucket/key", List.of(), null)) {
            assertThat(exchange.head().first("Content-Length")).isEqualTo("1234");
            assertThat(read(exchange.body())).isEmpty();
        }
        try (BackendConnections.Exchange exchange =
                connections.send(backend.uri(), "GET", "/bucket/key", List.of(), null)) {
            assertThat(read(exchange.body())).isEqualTo("abc");
        }

        assertThat(backend.accepted.get()).isEqualTo(1);
    }

    @Test
    void interimResponses_areSkipped() throws Exception {
        backend = new ScriptedBackend(
                false, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok");

        try (BackendConnections.Exchange exchange =
                connections.send(backend.uri(), "PUT", "/b/k", List.of(), new byte[] {1, 2, 3})) {
            assertThat(exchange.head().status()).isEqualTo(201);
            assertThat(read(exchange.body())).isEqualTo("ok");
        }
    }

    @Test
    void aPooledConnectionTheBackendClosed_isReplaced_andTheRequestSentOnce() throws Exception {
        // the backend answers one request per connection, then closes it without saying so
        backend = new ScriptedBackend(
                false,
                1,
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst",
                "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecond");

        try (BackendConnections.Exchange exchange =
                connections.send(backend.uri(), "POST", "/", List.of(), new byte[0])) {
            assertThat(read(exchange.body())).isEqualTo("first");
        }
        backend.awaitClosed(1);
        try (BackendConnections.Exchange exchange =
                connections.send(backend.uri(), "POST", "/", List.of(), new byte[0])) {
            assertThat(read(exchange.body())).isEqualTo("second");
        }

        assertThat(backend.accepted.get()).isEqualTo(2);
        assertThat(backend.answered.get()).isEqualTo(2);
    }

    @Test
    void aBodyShorterThanItsLength_isAnError_andTheConnectionIsNotReused() throws Exception {
        backend = new ScriptedBackend(true, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort");

        try (BackendConnections.Exchange exchange = connections.send(backend.uri(), "GET", "/", List.of(), null)) {
            assertThatThrownBy(() -> read(exchange.body())).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aBackendThatDoesNotListen_isAnIOException() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }

        assertThatThrownBy(() -> connections.send(URI.create("http://127.0.0.1:" + port), "GET", "/", List.of(), null))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aHeaderValueWithALineBreak_isRefused() throws Exception {
        backend = new ScriptedBackend(false, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

        assertThatThrownBy(() -> connections.send(
                        backend.uri(), "GET", "/", List.of(Map.entry("x-injected", "a\r\nHost: evil")), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String read(InputStream body) throws IOException {
        return new String(body.readAllBytes(), StandardCharsets.ISO_8859_1);
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
