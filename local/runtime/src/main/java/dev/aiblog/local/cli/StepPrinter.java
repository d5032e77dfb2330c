package dev.aiblog.local.cli;

import dev.aiblog.asl.HistoryEvent;
import dev.aiblog.asl.HistoryListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Prints a line per pipeline step as it happens: entered, retried, done or failed, with timings. */
final class StepPrinter implements HistoryListener {
    private final PrintWriter out;
    private final Map<String, Instant> started = new ConcurrentHashMap<>();

    StepPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void onEvent(String execution, HistoryEvent event) {
        String id = execution.length() > 8 ? execution.substring(0, 8) : execution;
        String state = event.stateName();
        switch (event.type()) {
            case ExecutionStarted -> out.printf("[%s] execution started%n", id);
            case TaskScheduled -> started.put(execution + state, event.timestamp());
            case TaskSucceeded ->
                out.printf("[%s]   ✓ %-14s %s%n", id, state, took(execution + state, event.timestamp()));
            case TaskRetryScheduled ->
                out.printf(
                        "[%s]   ↻ %-14s retry %d in %.1fs after %s%n",
                        id,
                        state,
                        event.details().path("attempt").asInt(),
                        event.details().path("delaySeconds").asDouble(),
                        shortError(event.details().path("error").asText()));
            case TaskFailed ->
                out.printf(
                        "[%s]   ✗ %-14s %s%n",
                        id, state, shortError(event.details().path("error").asText()));
            case TaskSubmitted -> out.printf("[%s]   … %-14s waiting for its task token%n", id, state);
            case TaskTimedOut -> out.printf("[%s]   ✗ %-14s timed out%n", id, state);
            case ExecutionSucceeded -> out.printf("[%s] execution succeeded%n", id);
            case ExecutionFailed, ExecutionTimedOut, ExecutionAborted ->
                out.printf(
                        "[%s] execution %s%n",
                        id, event.type().name().substring("Execution".length()).toLowerCase());
            default -> {}
        }
        out.flush();
    }

    private String took(String key, Instant end) {
        Instant start = started.remove(key);
        return start == null ? "" : Duration.between(start, end).toMillis() + " ms";
    }

    /** An error's short name: {@code States.*} and {@code Lambda.*} as they are, an exception by its simple name. */
    static String shortError(String error) {
        return error.startsWith("States.") || error.startsWith("Lambda.")
                ? error
                : error.substring(error.lastIndexOf('.') + 1);
    }
}
