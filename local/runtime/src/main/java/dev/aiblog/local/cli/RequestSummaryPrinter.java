package dev.aiblog.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.asl.HistoryEvent;
import dev.aiblog.asl.HistoryListener;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@code serve} prints: one line per request when its execution ends, from the execution's history: when, the
 * request, how it ended, how long it took, what it cost, how many retries it needed, and its title (or topic), e.g.
 *
 * <pre>
 * 14:03:07 7c1e9a2b PUBLISHED  5.8 s  $0.0127  1 retry    "How tide pools survive the winter"
 * 14:03:09 0b44f1d3 REJECTED   0.4 s  topic flagged: violence  "..."
 * 14:05:12 9e2d0c77 FAILED    61.0 s  RateLimitedException: the model's rate limit, 8 attempts  "..."
 * </pre>
 *
 * The step-by-step lines are {@code serve --steps}; the functions' JSON logs and metrics go to standard error.
 */
public final class RequestSummaryPrinter implements HistoryListener {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final PrintWriter out;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    public RequestSummaryPrinter(PrintWriter out) {
        this.out = out;
    }

    /** What one execution has done so far. */
    private static final class Run {
        Instant started;
        String requestId;
        String label;
        int retries;
        String lastError;
        String lastCause;
        String flagged;
        BigDecimal cost;
        boolean rejected;
        String reason;
    }

    @Override
    public void onEvent(String execution, HistoryEvent event) {
        JsonNode details = event.details() == null
                ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                : event.details();
        switch (event.type()) {
            case ExecutionStarted -> {
                Run run = new Run();
                run.started = event.timestamp();
                JsonNode input = details.path("input");
                run.requestId = input.path("requestId").asText(execution);
                run.label = input.path("topic").asText("");
                runs.put(execution, run);
            }
            case TaskRetryScheduled -> with(execution, run -> run.retries++);
            case TaskFailed, TaskTimedOut ->
                with(execution, run -> {
                    run.lastError = details.path("error").asText(event.type().name());
                    run.lastCause = details.path("cause").asText(null);
                });
            case TaskSucceeded ->
                with(execution, run -> {
                    JsonNode output = details.path("output");
                    if (output.path("flagged").asBoolean(false)) {
                        run.flagged = output.path("target").asText("").toLowerCase() + " flagged: "
                                + String.join(", ", texts(output.path("categories")));
                    }
                    if (output.hasNonNull("title") && output.hasNonNull("draftKey")) {
                        run.label = output.path("title").asText(); // the text step: the post's title from here on
                    }
                    if (output.has("postId") && output.hasNonNull("costUsd")) {
                        run.cost = output.path("costUsd").decimalValue();
                    }
                    if ("REJECTED".equals(output.path("status").asText(null))) {
                        run.rejected = true;
                        run.reason = output.path("reason").asText(null);
                    }
                });
            case ExecutionSucceeded -> end(execution, event.timestamp(), null, null);
            case ExecutionFailed, ExecutionTimedOut ->
                end(
                        execution,
                        event.timestamp(),
                        "FAILED",
                        details.path("cause").asText(details.path("error").asText("")));
            case ExecutionAborted ->
                end(execution, event.timestamp(), "STOPPED", "stays RUNNING; the next start re-drives it");
            default -> {}
        }
    }

    private void with(String execution, java.util.function.Consumer<Run> change) {
        Run run = runs.get(execution);
        if (run != null) {
            synchronized (run) {
                change.accept(run);
            }
        }
    }

    private void end(String execution, Instant ended, String failedAs, String why) {
        Run run = runs.remove(execution);
        if (run == null) {
            return;
        }
        String status;
        String detail;
        synchronized (run) {
            if (failedAs != null) {
                status = failedAs;
                detail = failedAs.equals("FAILED") ? failure(run, why) : why;
            } else if (run.rejected || run.flagged != null) {
                status = "REJECTED";
                detail = run.flagged != null ? run.flagged : run.reason;
            } else {
                status = "PUBLISHED";
                detail = "$"
                        + (run.cost == null
                                ? "0"
                                : run.cost.stripTrailingZeros().toPlainString());
            }
        }
        String id = run.requestId.length() > 8 ? run.requestId.substring(0, 8) : run.requestId;
        String retries = run.retries == 0 ? "" : "  " + run.retries + (run.retries == 1 ? " retry" : " retries");
        out.printf(
                "%s %s %-9s %6.1f s  %s%s  \"%s\"%n",
                TIME.format(ended),
                id,
                status,
                Duration.between(run.started, ended).toMillis() / 1000.0,
                detail == null ? "" : detail,
                retries,
                run.label);
        out.flush();
    }

    /** The error that ended it, by its short name, and the reason the request recorded. */
    private static String failure(Run run, String cause) {
        String error = run.lastError == null ? "" : StepPrinter.shortError(run.lastError);
        String reason = cause == null || cause.isBlank() ? run.lastCause : cause;
        if (reason == null || reason.isBlank()) {
            return error;
        }
        return error.isEmpty() || reason.contains(error) ? reason : error + ": " + reason;
    }

    private static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
