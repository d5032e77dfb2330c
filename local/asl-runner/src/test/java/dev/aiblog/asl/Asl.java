package dev.aiblog.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test helpers: JSON literals, a recording sleeper, quick runners. */
final class Asl {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static final Instant NOW = Instant.parse("2025-01-02T03:04:05.678Z");

    static final Clock FIXED_CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private Asl() {}

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** A definition with one state, {@code stateJson}, named "S" and ending the execution unless it says otherwise. */
    static StateMachineDefinition single(String stateJson) {
        return StateMachineDefinition.parse("{\"StartAt\":\"S\",\"States\":{\"S\":" + stateJson + "}}", Map.of());
    }

    /** A runner that never waits for real and records what it would have waited. */
    static StateMachineRunner.Builder fastRunner(
            StateMachineDefinition definition, TaskHandler handler, RecordingSleeper sleeper) {
        StateMachineRunner.Builder builder = StateMachineRunner.builder()
                .definition(definition)
                .sleeper(sleeper)
                .clock(FIXED_CLOCK);
        return handler == null ? builder : builder.taskHandler(handler);
    }

    static ExecutionResult run(StateMachineDefinition definition, TaskHandler handler, String input) {
        return fastRunner(definition, handler, new RecordingSleeper()).build().run("test-execution", json(input));
    }

    static List<HistoryEvent> events(ExecutionResult result, HistoryEventType type) {
        return result.history().stream().filter(e -> e.type() == type).toList();
    }

    /** A Sleeper that returns at once and remembers each duration. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> sleeps = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration d) {
            sleeps.add(d);
        }

        List<Double> seconds() {
            return sleeps.stream().map(d -> d.toNanos() / 1e9).toList();
        }
    }
}
