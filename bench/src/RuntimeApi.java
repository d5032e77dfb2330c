import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The part of the Lambda Runtime API a cold start uses, on loopback: the Runtime Interface Client asks
 * {@code GET /2018-06-01/runtime/invocation/next} for an event and posts the handler's answer to
 * {@code …/invocation/{id}/response} (or {@code …/error}, or {@code /runtime/init/error} when initialisation fails).
 * One invocation at a time: {@link #invoke} hands out an event and completes with the answer; a second
 * {@code next} waits until the bench ends the process.
 */
final class RuntimeApi implements AutoCloseable {
    private final HttpServer server;
    private volatile Invocation current;

    /** What the function posted: its response, or ({@code error}) an invocation or initialisation error. */
    record Answer(boolean error, String body, long nanos) {}

    private record Invocation(String id, byte[] event, CompletableFuture<Answer> answer, CompletableFuture<Void> taken) {}

    RuntimeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/2018-06-01/runtime/", this::handle);
        server.start();
    }

    /** {@code host:port}, what {@code AWS_LAMBDA_RUNTIME_API} names. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code next} gets {@code event}; the future completes with what the function answers. */
    CompletableFuture<Answer> invoke(byte[] event) {
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), event, new CompletableFuture<>(), new CompletableFuture<>());
        current = invocation;
        return invocation.answer();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            long now = System.nanoTime();
            Invocation invocation = current;
            if (path.endsWith("/invocation/next")) {
                if (invocation == null || !invocation.taken().complete(null)) {
                    // no more events for this process: hold the poll until the bench ends it
                    try {
                        TimeUnit.MINUTES.sleep(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return;
                }
                var headers = exchange.getResponseHeaders();
                headers.add("Lambda-Runtime-Aws-Request-Id", invocation.id());
                headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 30_000));
                headers.add("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:000000000000:function:bench");
                headers.add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
                headers.add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, invocation.event().length);
                exchange.getResponseBody().write(invocation.event());
                return;
            }
            String text = new String(body, StandardCharsets.UTF_8);
            if (invocation != null && path.endsWith("/invocation/" + invocation.id() + "/response")) {
                invocation.answer().complete(new Answer(false, text, now));
            } else if (invocation != null && path.endsWith("/error")) {
                invocation.answer().complete(new Answer(true, path + " " + text, now));
            }
            exchange.sendResponseHeaders(202, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
