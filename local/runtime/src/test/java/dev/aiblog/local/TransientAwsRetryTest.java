package dev.aiblog.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aiblog.asl.ExecutionResult;
import dev.aiblog.asl.ExecutionStatus;
import dev.aiblog.asl.HistoryEventType;
import dev.aiblog.asl.StateMachineDefinition;
import dev.aiblog.asl.StateMachineRunner;
import dev.aiblog.asl.TaskFailedException;
import dev.aiblog.core.Json;
import dev.aiblog.core.config.Settings;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.PostOptions;
import dev.aiblog.core.model.Status;
import dev.aiblog.functions.publish.PublishHandler;
import dev.aiblog.local.openai.OpenAiDouble;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The real ASL file and the real handlers, with DynamoDB failing Publish's transaction for a while: a network
 * double between the Publish function and the IAM gateway answers {@code 500 InternalServerError} to its first
 * TransactWriteItems calls (ten: more than the SDK's own nine DynamoDB attempts), and the state machine's Retry carries it to PUBLISHED.
 */
class TransientAwsRetryTest {
    @Test
    void aTransientDynamoDbFailureInPublishIsRetriedToPublished() throws Exception {
        try (OpenAiDouble openai = new OpenAiDouble();
                LocalCloud cloud = LocalCloud.start(LocalCloud.Options.inMemory(Repository.root())
                        .withEnvironment(Map.of("OPENAI_BASE_URL", openai.baseUrl(), "OPENAI_API_KEY", "sk-test"))
                        .withTimeScale(0));
                FlakyDynamoDb flaky = new FlakyDynamoDb(
                        cloud.aws().gateway().endpoint(), "DynamoDB_20120810.TransactWriteItems", 10)) {
            Map<String, String> env =
                    new HashMap<>(cloud.functions().settings("PublishFunction").asMap());
            env.put("AWS_ENDPOINT_URL_DYNAMODB", flaky.endpoint().toString());
            PublishHandler publish = new PublishHandler(Settings.of(env));
            String publishArn = cloud.template().arn("PublishFunction");

            SamTemplateDefinition machine = SamTemplateDefinition.of(cloud);
            StateMachineRunner runner = StateMachineRunner.builder()
                    .definition(machine.definition())
                    .taskHandler(
                            (resource, input) -> (resource.equals(publishArn) || resource.startsWith(publishArn + ":"))
                                    ? invoke(publish, input)
                                    : cloud.functions().invoke(resource, input))
                    .timeScale(0)
                    .build();
            String requestId = UUID.randomUUID().toString();
            cloud.requests()
                    .create(BlogRequest.queued(
                            requestId,
                            "user-1",
                            "Retrying through a DynamoDB outage",
                            PostOptions.DEFAULT,
                            Instant.now()));
            ObjectNode input = Json.mapper()
                    .createObjectNode()
                    .put("requestId", requestId)
                    .put("topic", "Retrying through a DynamoDB outage")
                    .put("audience", "general")
                    .put("tone", "informative")
                    .put("length", "short");

            ExecutionResult result = runner.run(requestId, input);

            assertThat(result.status())
                    .as(result.error() + ": " + result.cause())
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(flaky.failed()).isEqualTo(10);
            assertThat(result.history())
                    .filteredOn(e -> e.type() == HistoryEventType.TaskRetryScheduled && "Publish".equals(e.stateName()))
                    .isNotEmpty();
            assertThat(result.history())
                    .filteredOn(e -> e.type() == HistoryEventType.TaskFailed && "Publish".equals(e.stateName()))
                    .allSatisfy(e -> assertThat(e.details().path("error").asText())
                            .isEqualTo("dev.aiblog.core.errors.TransientAwsException"));
            assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(cloud.requests().get(requestId).status()).isEqualTo(Status.PUBLISHED);
            assertThat(cloud.blogs().countItems(requestId, "POST")).isEqualTo(1);
        }
    }

    /** As Lambda's Java runtime reports a handler's exception: its class name is the error. */
    private static JsonNode invoke(PublishHandler handler, JsonNode input) throws TaskFailedException {
        try {
            var out = new java.io.ByteArrayOutputStream();
            handler.handleRequest(new java.io.ByteArrayInputStream(Json.writeBytes(input)), out, null);
            return Json.mapper().readTree(out.toByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new TaskFailedException(e.getClass().getName(), e.getMessage(), e);
        }
    }

    /** The state machine definition of the cloud's template, with its substitutions resolved. */
    private record SamTemplateDefinition(StateMachineDefinition definition) {
        static SamTemplateDefinition of(LocalCloud cloud) throws IOException {
            var machine = cloud.template().stateMachine();
            Map<String, String> substitutions = new LinkedHashMap<>();
            machine.substitutions()
                    .forEach((name, value) ->
                            substitutions.put(name, cloud.aws().values().text(value)));
            return new SamTemplateDefinition(
                    StateMachineDefinition.parse(Files.readString(machine.definition()), substitutions));
        }
    }

    /** Forwards DynamoDB calls to {@code target}, answering the first {@code failures} calls of {@code operation} with a 500. */
    private static final class FlakyDynamoDb implements AutoCloseable {
        private static final Set<String> HOP_BY_HOP =
                Set.of("host", "content-length", "connection", "transfer-encoding", "expect");
        private final HttpServer server;
        private final URI target;
        private final String operation;
        private final AtomicInteger remaining;
        private final AtomicInteger failed = new AtomicInteger();

        FlakyDynamoDb(URI target, String operation, int failures) throws IOException {
            this.target = target;
            this.operation = operation;
            this.remaining = new AtomicInteger(failures);
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::handle);
            server.start();
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        int failed() {
            return failed.get();
        }

        private void handle(HttpExchange exchange) throws IOException {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (operation.equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))
                    && remaining.getAndDecrement() > 0) {
                failed.incrementAndGet();
                byte[] error =
                        "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"injected\"}"
                                .getBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
                exchange.sendResponseHeaders(500, error.length);
                exchange.getResponseBody().write(error);
                exchange.close();
                return;
            }
            // Forwarded byte for byte over a socket, Host header included: the SigV4 signature covers it.
            try (java.net.Socket socket = new java.net.Socket(target.getHost(), target.getPort())) {
                StringBuilder head = new StringBuilder(
                        exchange.getRequestMethod() + " " + exchange.getRequestURI() + " HTTP/1.1\r\n");
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (!Set.of("connection", "content-length", "transfer-encoding")
                            .contains(name.toLowerCase(java.util.Locale.ROOT))) {
                        values.forEach(
                                v -> head.append(name).append(": ").append(v).append("\r\n"));
                    }
                });
                head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
                var out = socket.getOutputStream();
                out.write(head.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                byte[] raw = socket.getInputStream().readAllBytes();
                String text = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
                int split = text.indexOf("\r\n\r\n");
                String[] lines = text.substring(0, split).split("\r\n");
                int status = Integer.parseInt(lines[0].split(" ")[1]);
                boolean chunked = false;
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    String name = lines[i].substring(0, colon).trim();
                    String value = lines[i].substring(colon + 1).trim();
                    if (name.equalsIgnoreCase("transfer-encoding")) {
                        chunked = value.equalsIgnoreCase("chunked");
                    } else if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                        exchange.getResponseHeaders().add(name, value);
                    }
                }
                byte[] payload = java.util.Arrays.copyOfRange(raw, split + 4, raw.length);
                if (chunked) {
                    payload = dechunk(payload);
                }
                exchange.sendResponseHeaders(status, payload.length == 0 ? -1 : payload.length);
                exchange.getResponseBody().write(payload);
            } finally {
                exchange.close();
            }
        }

        private static byte[] dechunk(byte[] chunked) {
            var out = new java.io.ByteArrayOutputStream();
            int at = 0;
            while (true) {
                int eol = at;
                while (chunked[eol] != '\r') {
                    eol++;
                }
                String size = new String(chunked, at, eol - at, java.nio.charset.StandardCharsets.ISO_8859_1)
                        .split(";")[0].trim();
                int length = Integer.parseInt(size, 16);
                if (length == 0) {
                    return out.toByteArray();
                }
                out.write(chunked, eol + 2, length);
                at = eol + 2 + length + 2;
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
