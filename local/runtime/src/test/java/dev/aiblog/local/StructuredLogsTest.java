package dev.aiblog.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The functions' logs as CloudWatch Logs would get them: every line one JSON object in Powertools' layout, with the
 * function's name and Lambda request id, and the blog request's {@code correlation_id} on every line a function
 * writes about it, so one request can be followed from the API through the dispatcher to every step.
 */
class StructuredLogsTest {
    private static final String TOKEN = "logs-token";

    private PrintStream console;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private Level level;

    @BeforeEach
    void captureStandardOutput() {
        // log4j2.xml's appender follows System.out, where Lambda collects a function's logs
        console = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        level = LogManager.getRootLogger().getLevel();
        Configurator.setRootLevel(Level.INFO);
    }

    @AfterEach
    void restore() {
        Configurator.setRootLevel(level);
        System.setOut(console);
        console.print(captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyLineIsJson_andEveryFunctionNamesTheRequestOnEachLineAboutIt() throws Exception {
        String requestId;
        try (LocalRuntime runtime = LocalRuntime.start(
                LocalCloud.Options.inMemory(Repository.root()).withTimeScale(0), 0, TOKEN, false)) {
            Http.Response accepted = Http.send(
                    "POST",
                    runtime.url().resolve("/blogs"),
                    TOKEN,
                    "{\"topic\":\"Following one request in the logs\"}");
            assertThat(accepted.status()).isEqualTo(202);
            requestId = accepted.body().path("requestId").asText();
            JsonNode request = LocalRuntimeTest.awaitTerminal(runtime.url(), requestId, TOKEN, Duration.ofSeconds(60));
            assertThat(request.path("status").asText()).isEqualTo("PUBLISHED");
        }

        List<JsonNode> functionLines = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.startsWith("{")) {
                continue;
            }
            JsonNode entry = Json.mapper().readTree(line);
            if (entry.has("_aws")) {
                continue; // an EMF metric line (its own format, with requestId)
            }
            assertThat(entry.path("level").asText()).as(line).isNotEmpty();
            assertThat(entry.path("message").asText()).as(line).isNotEmpty();
            assertThat(entry.path("timestamp").asText()).as(line).isNotEmpty();
            if (entry.hasNonNull("function_name")) {
                functionLines.add(entry);
            }
        }

        Map<String, Set<String>> correlationsByFunction = new TreeMap<>();
        for (JsonNode entry : functionLines) {
            assertThat(entry.path("function_request_id").asText())
                    .as(entry.toString())
                    .isNotEmpty();
            correlationsByFunction
                    .computeIfAbsent(logicalId(entry.path("function_name").asText()), k -> new TreeSet<>())
                    .add(entry.path("correlation_id").asText("<none>"));
        }
        assertThat(correlationsByFunction)
                .as("every function that handled the request logged about it, naming it on every line")
                .containsEntry("DispatchFunction", Set.of(requestId))
                .containsEntry("ModerateFunction", Set.of(requestId))
                .containsEntry("GenerateTextFunction", Set.of(requestId))
                .containsEntry("GenerateImageFunction", Set.of(requestId))
                .containsEntry("PublishFunction", Set.of(requestId));
        // the API's lines: POST /blogs and each GET /requests/{id} while waiting are all about this request
        assertThat(correlationsByFunction.get("ApiFunction")).containsExactly(requestId);
    }

    /** The template's logical id in a deployed-style function name ({@code aiblog-dev-PublishFunction-1A2B3C}). */
    private static String logicalId(String functionName) {
        for (String id : List.of(
                "ApiFunction",
                "DispatchFunction",
                "ModerateFunction",
                "GenerateTextFunction",
                "GenerateImageFunction",
                "PublishFunction",
                "RecordOutcomeFunction")) {
            if (functionName.contains(id)) {
                return id;
            }
        }
        return functionName;
    }
}
