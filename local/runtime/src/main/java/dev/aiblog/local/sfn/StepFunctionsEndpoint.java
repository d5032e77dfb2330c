package dev.aiblog.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aiblog.asl.ExecutionResult;
import dev.aiblog.asl.HistoryEvent;
import dev.aiblog.asl.TaskTokenException;
import dev.aiblog.asl.TaskTokens;
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
 * ({@code X-Amz-Target: AWSStepFunctions.<Operation>}): StartExecution, DescribeExecution, GetExecutionHistory,
 * StopExecution, and SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat for callback Tasks
 * ({@code .waitForTaskToken}). The functions' real {@code SfnClient}s talk to it over HTTP, through the IAM gateway,
 * so the local path is the deployed path.
 *
 * <p>The SendTask* actions answer as AWS does: 200 with {@code {}}; or 400 with {@code __type} {@code InvalidToken}
 * (not a token), {@code TaskDoesNotExist} (a token never issued here), {@code TaskTimedOut} (the task has closed: timed
 * out, answered, retried or its execution ended), {@code InvalidOutput} (output not JSON), or
 * {@code ValidationException} (a missing token or output, or a value over the API's length limits).
 *
 * @see <a href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html">StartExecution</a>
 */
public final class StepFunctionsEndpoint implements AutoCloseable {
    private static final String PREFIX = "AWSStepFunctions.";
    private static final int MAX_OUTPUT_BYTES = 262_144;
    private static final int MAX_ERROR_LENGTH = 256;
    private static final int MAX_CAUSE_LENGTH = 32_768;

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
                    case "StopExecution" -> stopExecution(body);
                    case "SendTaskSuccess" -> sendTaskSuccess(body);
                    case "SendTaskFailure" -> sendTaskFailure(body);
                    case "SendTaskHeartbeat" -> sendTaskHeartbeat(body);
                    default ->
                        throw new ApiError(
                                "UnknownOperationException", target + " is not supported by the local endpoint");
                };
                send(exchange, 200, answer);
            } catch (ApiError e) {
                send(exchange, 400, error(e.type, e.getMessage()));
            } catch (TaskTokenException e) {
                send(exchange, 400, error(e.code().name(), e.getMessage()));
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

    private ObjectNode stopExecution(JsonNode body) {
        String arn = body.path("executionArn").asText("");
        LocalStepFunctions.Execution execution = stepFunctions
                .stop(arn)
                .orElseThrow(() -> new ApiError("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'"));
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("stopDate", epochSeconds(execution.stopDate().orElseGet(Instant::now)));
        return out;
    }

    private ObjectNode sendTaskSuccess(JsonNode body) throws TaskTokenException {
        String token = taskToken(body);
        String output = required(body, "output");
        if (output.getBytes(StandardCharsets.UTF_8).length > MAX_OUTPUT_BYTES) {
            throw validation("output", "Member must have length less than or equal to " + MAX_OUTPUT_BYTES);
        }
        stepFunctions.taskTokens().sendTaskSuccess(token, output);
        return Json.mapper().createObjectNode();
    }

    private ObjectNode sendTaskFailure(JsonNode body) throws TaskTokenException {
        String token = taskToken(body);
        String error = optional(body, "error", MAX_ERROR_LENGTH);
        String cause = optional(body, "cause", MAX_CAUSE_LENGTH);
        stepFunctions.taskTokens().sendTaskFailure(token, error, cause);
        return Json.mapper().createObjectNode();
    }

    private ObjectNode sendTaskHeartbeat(JsonNode body) throws TaskTokenException {
        stepFunctions.taskTokens().sendTaskHeartbeat(taskToken(body));
        return Json.mapper().createObjectNode();
    }

    private static String taskToken(JsonNode body) {
        String token = required(body, "taskToken");
        if (token.isEmpty() || token.length() > TaskTokens.MAX_TOKEN_LENGTH) {
            throw validation("taskToken", "Member must have length between 1 and " + TaskTokens.MAX_TOKEN_LENGTH);
        }
        return token;
    }

    private static String required(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw new ApiError(
                    "ValidationException",
                    "1 validation error detected: Value null at '" + field
                            + "' failed to satisfy constraint: Member must not be null");
        }
        return value.asText();
    }

    private static String optional(JsonNode body, String field, int maxLength) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.asText().length() > maxLength) {
            throw validation(field, "Member must have length less than or equal to " + maxLength);
        }
        return value.asText();
    }

    private static ApiError validation(String field, String constraint) {
        return new ApiError(
                "ValidationException",
                "1 validation error detected: Value at '" + field + "' failed to satisfy constraint: " + constraint);
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
        byte[] bytes = Json.writeBytes(body);
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
