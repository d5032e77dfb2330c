package dev.aiblog.local.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.CommandLineInput;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local 3.x as an HTTP server inside this JVM (the same server that
 * {@code java -jar DynamoDBLocal.jar} runs), bound to loopback.
 *
 * <p>{@code ServerRunner} always binds Jetty to every interface and needs a non-zero port; its
 * connector is reached before start to bind 127.0.0.1 instead, on the requested port or one the
 * OS picks.
 */
final class DynamoDbLocalServer implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private DynamoDbLocalServer(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /**
     * @param port 0 for a port the OS picks
     * @param dataDir where the SQLite file lives, empty for in-memory
     */
    static DynamoDbLocalServer start(int port, Optional<Path> dataDir) {
        SqliteNatives.prepare();
        List<String> args = new ArrayList<>(List.of("-port", "8000", "-sharedDb", "-disableTelemetry"));
        if (dataDir.isPresent()) {
            try {
                Files.createDirectories(dataDir.get());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the DynamoDB Local data folder " + dataDir.get(), e);
            }
            args.addAll(List.of("-dbPath", dataDir.get().toAbsolutePath().toString()));
        } else {
            args.add("-inMemory");
        }
        try {
            // createServerFromCommandLineArgs would print its configuration to System.out
            CommandLineInput input = new CommandLineInput(args.toArray(String[]::new));
            if (!input.init()) {
                throw new IllegalArgumentException("DynamoDB Local rejected its options " + args);
            }
            DynamoDBProxyServer server = ServerRunner.createServer(input);
            ServerConnector connector = connectorOf(server);
            connector.setHost(Emulators.LOOPBACK);
            connector.setPort(port);
            server.start();
            return new DynamoDbLocalServer(
                    server, URI.create("http://" + Emulators.LOOPBACK + ":" + connector.getLocalPort()));
        } catch (Exception e) {
            throw new EmulatorStartException("DynamoDB Local did not start on " + Emulators.LOOPBACK + ":" + port, e);
        }
    }

    private static ServerConnector connectorOf(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(proxy);
        for (Connector connector : jetty.getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) {
                return serverConnector;
            }
        }
        throw new IllegalStateException("DynamoDB Local's Jetty server has no ServerConnector");
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
        }
    }
}
