package dev.aiblog.local.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * The JDK HTTP servers the local runtime answers on (the local API, the Step Functions endpoint), made one way:
 * loopback only, a virtual thread per exchange, and TCP_NODELAY on every accepted socket.
 *
 * <p>Without TCP_NODELAY a small response waits for the client's delayed ACK (Nagle): about 40 ms under every
 * local request. The JDK server reads {@code sun.net.httpserver.nodelay} once per JVM, when its first server
 * is created, so {@link #ensureNoDelay()} runs in {@code main} and in this class's initialiser, before any
 * server exists; the surefire {@code argLine} sets it for the tests.
 */
public final class LoopbackHttpServers {
    public static final String NODELAY = "sun.net.httpserver.nodelay";

    static {
        ensureNoDelay();
    }

    private LoopbackHttpServers() {}

    /** Sets {@value #NODELAY} unless someone chose a value; call before the first JDK HTTP server is created. */
    public static void ensureNoDelay() {
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
    }

    /** A started server on 127.0.0.1:{@code port} (0 picks one) that answers everything with {@code handler}. */
    public static HttpServer start(int port, HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        server.createContext("/", handler);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return server;
    }
}
