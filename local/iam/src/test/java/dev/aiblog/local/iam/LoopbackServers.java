package dev.aiblog.local.iam;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

/** JDK HTTP servers for tests, on loopback and a free port, configured as the gateway configures its own. */
final class LoopbackServers {
    private LoopbackServers() {}

    /** An unstarted server running its exchanges on {@code executor}, with TCP_NODELAY as the gateway sets it. */
    static HttpServer create(Executor executor) throws IOException {
        // the gateway class sets sun.net.httpserver.nodelay when it loads: before any JDK server exists
        try {
            Class.forName(IamGateway.class.getName(), true, IamGateway.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(executor);
        return server;
    }
}
