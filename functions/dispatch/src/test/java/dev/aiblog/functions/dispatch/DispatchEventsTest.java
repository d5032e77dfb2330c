package dev.aiblog.functions.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.aiblog.core.Json;
import dev.aiblog.core.steps.ExecutionInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every events/dispatch-*.json, loaded as Lambda would deserialize it, is dispatched without a failure. */
class DispatchEventsTest {
    static StepFunctionsDouble sfn;
    static DispatchHandler handler;

    @BeforeAll
    static void start() throws IOException {
        sfn = StepFunctionsDouble.start();
        handler = new DispatchHandler(TestAws.settings(sfn.endpoint()));
    }

    @AfterAll
    static void stop() {
        sfn.close();
    }

    static Stream<Path> events() throws IOException {
        try (Stream<Path> files = Files.list(TestAws.repository().resolve("events"))) {
            return files
                    .filter(f -> f.getFileName().toString().matches("dispatch-.*\\.json"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @Test
    void thereAreDispatchEvents() throws IOException {
        assertThat(events()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("events")
    void handlesTheSampleEventWithoutFailures(Path file) {
        SQSEvent event = EventLoader.loadSQSEvent(file.toString());
        sfn.clear();

        SQSBatchResponse response = handler.handleRequest(event, null);

        assertThat(event.getRecords()).isNotEmpty();
        assertThat(response.getBatchItemFailures()).isEmpty();
        List<String> expected = event.getRecords().stream()
                .map(r -> Json.read(r.getBody(), ExecutionInput.class).requestId())
                .toList();
        assertThat(sfn.started())
                .extracting(StepFunctionsDouble.StartExecution::name)
                .containsExactlyInAnyOrderElementsOf(expected);
    }
}
