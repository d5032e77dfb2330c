package dev.aiblog.local.iam;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Keep-alive HTTP/1.1 connections to the gateway's backends on loopback, used by the calling (virtual) thread:
 * a request is written and its response read on the thread that forwards it, with no selector thread or executor
 * in between, and every header goes out as it came in (no client-added or silently dropped headers, as
 * {@code HttpURLConnection} does with {@code Origin} or {@code Via}).
 *
 * <p>A connection taken from the pool may have been closed by the backend while idle; a request that fails on such
 * a connection before any byte of the response arrived is sent once more on a new connection (what
 * {@code HttpURLConnection} and most clients do). Only whole, keep-alive responses return a connection to the pool.
 */
final class BackendConnections implements AutoCloseable {

    /** Idle connections older than this are closed rather than reused (servers close theirs after 30 s or more). */
    private static final long MAX_IDLE_NANOS = 15_000_000_000L;

    private static final int MAX_IDLE_PER_BACKEND = 64;
    private static final int MAX_LINE = 64 * 1024;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final Map<String, Deque<Connection>> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** The status line and headers of a response; its body is read with {@link Exchange#body()}. */
    record Head(int status, List<Map.Entry<String, String>> headers) {
        String first(String name) {
            for (Map.Entry<String, String> header : headers) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    return header.getValue();
                }
            }
            return null;
        }
    }

    /** One request's response: its head, and its body as a stream that ends where the response ends. */
    final class Exchange implements AutoCloseable {
        private final Connection connection;
        private final Head head;
        private final InputStream body;
        private final boolean reusable;

        private Exchange(Connection connection, Head head, InputStream body, boolean reusable) {
            this.connection = connection;
            this.head = head;
            this.body = body;
            this.reusable = reusable;
        }

        Head head() {
            return head;
        }

        /** The body's length when the backend said it ({@code Content-Length}), else -1. */
        long length() {
            return body instanceof FixedLengthInputStream fixed ? fixed.length : -1;
        }

        InputStream body() {
            return body;
        }

        /**
         * Returns the connection to the pool when the body was read to its end and the backend keeps the connection
         * open; closes it otherwise.
         */
        @Override
        public void close() {
            boolean whole = body instanceof BodyStream stream && stream.finished();
            if (reusable && whole) {
                release(connection);
            } else {
                connection.close();
            }
        }
    }

    /**
     * Sends a request and reads its response's head.
     *
     * @param target the backend's base URI ({@code http://127.0.0.1:port})
     * @param pathAndQuery the raw request target, e.g. {@code /?Action=ReceiveMessage}
     * @param headers header names and values to send as they are (not Host, Content-Length or hop-by-hop ones)
     * @param body the body, or null for a request without one
     * @throws IOException when the backend cannot be reached or answers no HTTP response
     */
    Exchange send(URI target, String method, String pathAndQuery, List<Map.Entry<String, String>> headers, byte[] body)
            throws IOException {
        String authority = target.getHost() + ":" + port(target);
        byte[] head = requestHead(method, pathAndQuery, authority, headers, body);
        Connection reused = take(authority);
        if (reused != null) {
            try {
                return exchange(reused, method, head, body);
            } catch (StaleConnectionException e) {
                reused.close();
                // closed by the backend while idle: nothing of this request was answered, so it goes out once more
            }
        }
        Connection fresh = open(target.getHost(), port(target), authority);
        try {
            return exchange(fresh, method, head, body);
        } catch (StaleConnectionException e) {
            fresh.close();
            throw new EOFException("the backend at " + authority + " closed the connection without answering");
        }
    }

    private Exchange exchange(Connection connection, String method, byte[] head, byte[] body) throws IOException {
        try {
            try {
                connection.out.write(head);
                if (body != null) {
                    connection.out.write(body);
                }
                connection.out.flush();
            } catch (IOException e) {
                throw new StaleConnectionException(e);
            }
            Head response;
            do {
                response = readHead(connection.in);
            } while (response.status() >= 100 && response.status() < 200 && response.status() != 101);
            boolean keepAlive = !"close".equalsIgnoreCase(response.first("Connection"));
            InputStream stream;
            String transferEncoding = response.first("Transfer-Encoding");
            String contentLength = response.first("Content-Length");
            if (method.equals("HEAD") || response.status() == 204 || response.status() == 304) {
                stream = new FixedLengthInputStream(connection.in, 0);
            } else if (transferEncoding != null
                    && transferEncoding.toLowerCase(Locale.ROOT).endsWith("chunked")) {
                stream = new ChunkedInputStream(connection.in);
            } else if (contentLength != null) {
                stream = new FixedLengthInputStream(connection.in, parseLength(contentLength));
            } else {
                stream = new UntilCloseInputStream(connection.in);
                keepAlive = false;
            }
            return new Exchange(connection, response, stream, keepAlive);
        } catch (IOException | RuntimeException e) {
            if (!(e instanceof StaleConnectionException)) {
                connection.close();
            }
            throw e;
        }
    }

    private static byte[] requestHead(
            String method,
            String pathAndQuery,
            String authority,
            List<Map.Entry<String, String>> headers,
            byte[] body) {
        StringBuilder head = new StringBuilder(256 + 64 * headers.size());
        head.append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(authority).append("\r\n");
        for (Map.Entry<String, String> header : headers) {
            String value = header.getValue();
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header " + header.getKey() + " has a line break in its value");
            }
            head.append(header.getKey()).append(": ").append(value).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Reads a status line and headers; a connection that ends before the first byte is stale. */
    private static Head readHead(InputStream in) throws IOException {
        int first;
        try {
            first = in.read();
        } catch (IOException e) {
            throw new StaleConnectionException(e);
        }
        if (first < 0) {
            throw new StaleConnectionException(new EOFException("closed before the response"));
        }
        String statusLine = (char) first + readLine(in);
        // HTTP/1.1 200 OK
        int space = statusLine.indexOf(' ');
        if (!statusLine.startsWith("HTTP/") || space < 0 || statusLine.length() < space + 4) {
            throw new IOException("not an HTTP response: " + abbreviate(statusLine));
        }
        int status;
        try {
            status = Integer.parseInt(statusLine.substring(space + 1, space + 4));
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status line: " + abbreviate(statusLine), e);
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("not an HTTP header: " + abbreviate(line));
            }
            headers.add(Map.entry(
                    line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
            if (headers.size() > 500) {
                throw new IOException("more than 500 response headers");
            }
        }
        boolean http10 = statusLine.startsWith("HTTP/1.0");
        if (http10) {
            // an HTTP/1.0 response keeps the connection only when it says so
            Head head = new Head(status, headers);
            if (!"keep-alive".equalsIgnoreCase(head.first("Connection"))) {
                List<Map.Entry<String, String>> closing = new ArrayList<>(headers);
                closing.removeIf(h -> h.getKey().equalsIgnoreCase("Connection"));
                closing.add(Map.entry("Connection", "close"));
                return new Head(status, closing);
            }
        }
        return new Head(status, headers);
    }

    /** A line up to CRLF (or LF), without it, in ISO-8859-1. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the response ended inside a line");
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() == MAX_LINE) {
                throw new IOException("a response line is longer than " + MAX_LINE + " bytes");
            }
            line.append((char) b);
        }
    }

    private static long parseLength(String value) throws IOException {
        try {
            long length = Long.parseLong(value.strip());
            if (length < 0) {
                throw new IOException("negative Content-Length " + value);
            }
            return length;
        } catch (NumberFormatException e) {
            throw new IOException("bad Content-Length " + abbreviate(value), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }

    private static int port(URI target) {
        return target.getPort() >= 0 ? target.getPort() : 80;
    }

    private Connection take(String authority) {
        Deque<Connection> connections = idle.get(authority);
        if (connections == null) {
            return null;
        }
        long now = System.nanoTime();
        for (Connection c = connections.pollFirst(); c != null; c = connections.pollFirst()) {
            if (now - c.idleSince < MAX_IDLE_NANOS && !c.socket.isClosed()) {
                return c;
            }
            c.close();
        }
        return null;
    }

    private void release(Connection connection) {
        Deque<Connection> connections = idle.computeIfAbsent(connection.authority, a -> new ConcurrentLinkedDeque<>());
        if (closed || connections.size() >= MAX_IDLE_PER_BACKEND) {
            connection.close();
            return;
        }
        connection.idleSince = System.nanoTime();
        connections.addFirst(connection);
        if (closed && connections.remove(connection)) {
            connection.close(); // close() ran meanwhile and missed it
        }
    }

    private Connection open(String host, int port, String authority) throws IOException {
        if (closed) {
            throw new IOException("the gateway is closing");
        }
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            return new Connection(authority, socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        idle.values().forEach(connections -> {
            for (Connection c = connections.pollFirst(); c != null; c = connections.pollFirst()) {
                c.close();
            }
        });
    }

    /** A request failed before any byte of its response: safe to send again on another connection. */
    private static final class StaleConnectionException extends IOException {
        StaleConnectionException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static final class Connection {
        final String authority;
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        volatile long idleSince;

        Connection(String authority, Socket socket) throws IOException {
            this.authority = authority;
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /** A body stream that knows whether it was read to its end (so its connection can be reused). */
    private abstract static class BodyStream extends InputStream {
        abstract boolean finished();

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }
    }

    private static final class FixedLengthInputStream extends BodyStream {
        private final InputStream in;
        private final long length;
        private long left;

        FixedLengthInputStream(InputStream in, long length) {
            this.in = in;
            this.length = length;
            this.left = length;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the response body ended " + left + " bytes short of its Content-Length");
            }
            left -= n;
            return n;
        }

        @Override
        boolean finished() {
            return left == 0;
        }
    }

    private static final class ChunkedInputStream extends BodyStream {
        private final InputStream in;
        private long chunkLeft;
        private boolean done;

        ChunkedInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (chunkLeft == 0) {
                String line = readLine(in);
                int extension = line.indexOf(';');
                String size = (extension < 0 ? line : line.substring(0, extension)).strip();
                try {
                    chunkLeft = Long.parseLong(size, 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size " + abbreviate(line), e);
                }
                if (chunkLeft < 0) {
                    throw new IOException("bad chunk size " + abbreviate(line));
                }
                if (chunkLeft == 0) {
                    // trailers, up to the empty line
                    while (!readLine(in).isEmpty()) {
                        // trailers are not forwarded
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, chunkLeft));
            if (n < 0) {
                throw new EOFException("the response ended inside a chunk");
            }
            chunkLeft -= n;
            if (chunkLeft == 0 && !readLine(in).isEmpty()) {
                throw new IOException("a chunk does not end with CRLF");
            }
            return n;
        }

        @Override
        boolean finished() {
            return done;
        }
    }

    private static final class UntilCloseInputStream extends BodyStream {
        private final InputStream in;

        UntilCloseInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        boolean finished() {
            return false;
        }
    }
}
