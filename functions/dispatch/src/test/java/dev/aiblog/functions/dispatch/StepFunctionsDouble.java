package dev.aiblog.functions.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aiblog.core.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the Step Functions service on loopback: it speaks the AWS JSON 1.0 protocol for
 * {@code AWSStepFunctions.StartExecution}, records every request, and, like the real service, answers
 * {@code ExecutionAlreadyExists} (HTTP 400) for a name that was used before. Names listed in {@link #throttle}
 * get a {@code ThrottlingException} instead.
 */
final class StepFunctionsDouble implements AutoCloseable {
    /** One StartExecution call as received, and whether it started an execution. */
    record StartExecution(String stateMachineArn, String name, String input, boolean started) {}

    private final HttpServer server;
    private final List<StartExecution> calls = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final Set<String> throttled = ConcurrentHashMap.newKeySet();
    private volatile java.util.concurrent.CyclicBarrier together;

    private StepFunctionsDouble(HttpServer server) {
        this.server = server;
    }

    static StepFunctionsDouble start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        StepFunctionsDouble sfn = new StepFunctionsDouble(server);
        server.createContext("/", sfn::handle);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return sfn;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized List<StartExecution> calls() {
        return List.copyOf(calls);
    }

    synchronized List<StartExecution> started() {
        return calls.stream().filter(StartExecution::started).toList();
    }

    synchronized void clear() {
        calls.clear();
        names.clear();
        throttled.clear();
        together = null;
    }

    /**
     * From now on, each StartExecution is answered only once {@code calls} of them are in flight at the same time;
     * calls made one after another never get there, and are refused (ValidationException, not retried).
     */
    void answerOnlyWhenConcurrent(int calls) {
        together = new java.util.concurrent.CyclicBarrier(calls);
    }

    void throttle(String name) {
        throttled.add(name);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode body = Json.read(
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), JsonNode.class);
            if (!"POST".equals(exchange.getRequestMethod()) || !"AWSStepFunctions.StartExecution".equals(target)) {
                respond(
                        exchange,
                        400,
                        Map.of("__type", "UnknownOperationException", "message", "not simulated: " + target));
                return;
            }
            String arn = body.path("stateMachineArn").asText();
            String name = body.path("name").asText();
            String input = body.path("input").asText();
            var barrier = together;
            if (barrier != null) {
                try {
                    barrier.await(5, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception notTogether) {
                    record(new StartExecution(arn, name, input, false));
                    respond(
                            exchange,
                            400,
                            Map.of("__type", "ValidationException", "message", "calls were not concurrent"));
                    return;
                }
            }
            if (throttled.contains(name)) {
                record(new StartExecution(arn, name, input, false));
                respond(exchange, 400, Map.of("__type", "ThrottlingException", "message", "Rate exceeded"));
                return;
            }
            boolean started = firstUse(name);
            record(new StartExecution(arn, name, input, started));
            if (!started) {
                respond(
                        exchange,
                        400,
                        Map.of(
                                "__type",
                                "ExecutionAlreadyExists",
                                "message",
                                "Execution Already Exists: '" + executionArn(arn, name) + "'"));
                return;
            }
            respond(
                    exchange,
                    200,
                    Map.of("executionArn", executionArn(arn, name), "startDate", System.currentTimeMillis() / 1000.0));
        }
    }

    private synchronized boolean firstUse(String name) {
        return names.add(name);
    }

    private synchronized void record(StartExecution call) {
        calls.add(call);
    }

    private static String executionArn(String stateMachineArn, String name) {
        return stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + name;
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Json.writeBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        exchange.getResponseHeaders()
                .set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
