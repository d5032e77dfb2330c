package dev.aiblog.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aiblog.asl.ExecutionResult;
import dev.aiblog.asl.HistoryEvent;
import dev.aiblog.core.Json;
import dev.aiblog.local.http.LoopbackHttpServers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The Step Functions API on loopback, in the AWS JSON 1.0 protocol the SDK speaks
 * ({@code X-Amz-Target: AWSStepFunctions.<Operation>}): StartExecution, DescribeExecution and
 * GetExecutionHistory. The dispatch function's real {@code SfnClient} talks to it over HTTP, so the local path
 * is the deployed path.
 *
 * @see <a href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html">StartExecution</a>
 */
public final class StepFunctionsEndpoint implements AutoCloseable {
    private static final String PREFIX = "AWSStepFunctions.";

    private final LocalStepFunctions stepFunctions;
    private final HttpServer server;

    public StepFunctionsEndpoint(LocalStepFunctions stepFunctions, int port) {
        this.stepFunctions = stepFunctions;
        try {
            server = LoopbackHttpServers.start(port, this::handle);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode body;
            try {
                byte[] raw = exchange.getRequestBody().readAllBytes();
                body = raw.length == 0
                        ? Json.mapper().createObjectNode()
                        : Json.mapper().readTree(raw);
            } catch (IOException e) {
                send(exchange, 400, error("SerializationException", "the request body is not JSON"));
                return;
            }
            if (target == null || !target.startsWith(PREFIX)) {
                send(exchange, 400, error("UnknownOperationException", "missing or unknown X-Amz-Target"));
                return;
            }
            try {
                ObjectNode answer = switch (target.substring(PREFIX.length())) {
                    case "StartExecution" -> startExecution(body);
                    case "DescribeExecution" -> describeExecution(body);
                    case "GetExecutionHistory" -> getExecutionHistory(body);
                    default ->
                        throw new ApiError(
                                "UnknownOperationException", target + " is not supported by the local endpoint");
                };
                send(exchange, 200, answer);
            } catch (ApiError e) {
                send(exchange, 400, error(e.type, e.getMessage()));
            } catch (LocalStepFunctions.ExecutionAlreadyExistsException e) {
                send(exchange, 400, error("ExecutionAlreadyExists", e.getMessage()));
            } catch (IllegalArgumentException e) {
                send(exchange, 400, error("InvalidName", e.getMessage()));
            }
        }
    }

    private ObjectNode startExecution(JsonNode body) {
        String arn = body.path("stateMachineArn").asText("");
        if (!arn.equals(stepFunctions.stateMachineArn())) {
            throw new ApiError("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
        }
        String name = body.hasNonNull("name")
                ? body.get("name").asText()
                : java.util.UUID.randomUUID().toString();
        JsonNode input;
        try {
            input = Json.mapper().readTree(body.path("input").asText("{}"));
        } catch (IOException e) {
            throw new ApiError("InvalidExecutionInput", "Invalid State Machine Execution Input: " + e.getMessage());
        }
        LocalStepFunctions.Execution execution = stepFunctions.start(name, input);
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("executionArn", execution.arn());
        out.put("startDate", epochSeconds(execution.startDate()));
        return out;
    }

    private ObjectNode describeExecution(JsonNode body) {
        LocalStepFunctions.Execution execution = find(body);
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("executionArn", execution.arn());
        out.put("stateMachineArn", stepFunctions.stateMachineArn());
        out.put("name", execution.name());
        out.put("status", execution.status().name());
        out.put("startDate", epochSeconds(execution.startDate()));
        execution.stopDate().ifPresent(stop -> out.put("stopDate", epochSeconds(stop)));
        out.put("input", Json.write(execution.input()));
        if (execution.result().isDone()) {
            ExecutionResult result = execution.result().join();
            if (result.output() != null) {
                out.put("output", Json.write(result.output()));
            }
            if (result.error() != null) {
                out.put("error", result.error());
            }
            if (result.cause() != null) {
                out.put("cause", result.cause());
            }
        }
        return out;
    }

    private ObjectNode getExecutionHistory(JsonNode body) {
        LocalStepFunctions.Execution execution = find(body);
        List<HistoryEvent> events = execution.history();
        if (body.path("reverseOrder").asBoolean(false)) {
            events = events.reversed();
        }
        int max = body.path("maxResults").asInt(0);
        int from = body.hasNonNull("nextToken")
                ? Integer.parseInt(body.get("nextToken").asText())
                : 0;
        int to = max <= 0 ? events.size() : Math.min(events.size(), from + max);
        ObjectNode out = Json.mapper().createObjectNode();
        ArrayNode array = out.putArray("events");
        for (HistoryEvent event : events.subList(Math.min(from, events.size()), to)) {
            if (event.type().isAwsType()) {
                array.add(HistoryMapping.toAws(event));
            }
        }
        if (to < events.size()) {
            out.put("nextToken", Integer.toString(to));
        }
        return out;
    }

    private LocalStepFunctions.Execution find(JsonNode body) {
        String arn = body.path("executionArn").asText("");
        return stepFunctions
                .findByArn(arn)
                .orElseThrow(() -> new ApiError("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'"));
    }

    static double epochSeconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }

    private static ObjectNode error(String type, String message) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("__type", type);
        out.put("message", message);
        return out;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static final class ApiError extends RuntimeException {
        final String type;

        ApiError(String type, String message) {
            super(message);
            this.type = type;
        }
    }
}
