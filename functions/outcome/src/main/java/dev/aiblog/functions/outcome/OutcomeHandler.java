package dev.aiblog.functions.outcome;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.aws.AwsWiring;
import dev.aiblog.core.Json;
import dev.aiblog.core.config.Settings;
import dev.aiblog.core.lambda.JsonHandler;
import dev.aiblog.core.metrics.Metrics;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.Step;
import dev.aiblog.core.ports.Requests;
import dev.aiblog.core.steps.StepContracts.CaughtError;
import dev.aiblog.core.steps.StepContracts.ModerateOutput;
import dev.aiblog.core.steps.StepContracts.OutcomeInput;
import dev.aiblog.core.steps.StepContracts.OutcomeOutput;
import dev.aiblog.core.steps.StepContracts.Target;
import java.util.Objects;

/**
 * Reject and MarkFailed: the request ends REJECTED, with the moderation categories, or FAILED, with the
 * error's name and a cause a person can read (the Lambda error's message, not its JSON or stack trace).
 */
public final class OutcomeHandler extends JsonHandler<OutcomeInput, OutcomeOutput> {
    private static final int MAX_REASON = 1000;

    private final Requests requests;
    private final Metrics metrics;

    public OutcomeHandler() {
        this(Settings.fromEnvironment());
    }

    public OutcomeHandler(Settings settings) {
        this(AwsWiring.of(settings).requests(), Metrics.forFunction(settings));
    }

    public OutcomeHandler(Requests requests) {
        this(requests, Metrics.none());
    }

    /** @param metrics where PostsRejected and PostsFailed (by ErrorName) go */
    public OutcomeHandler(Requests requests, Metrics metrics) {
        super(OutcomeInput.class);
        this.requests = requests;
        this.metrics = metrics;
    }

    @Override
    public OutcomeOutput handle(OutcomeInput input) {
        Objects.requireNonNull(input.requestId(), "outcome input has no requestId");
        Objects.requireNonNull(input.outcome(), "outcome input has no outcome (REJECTED or FAILED)");
        // the ExecutionEnded rule sends the execution's name: a retry's is <requestId>-r<attempt>
        String requestId = requests.find(input.requestId()).isPresent()
                ? input.requestId()
                : dev.aiblog.core.steps.ExecutionInput.requestIdOf(input.requestId());
        return switch (input.outcome()) {
            case REJECTED ->
                reject(
                        requestId,
                        Objects.requireNonNull(input.moderation(), "a rejection needs the moderation result"));
            case FAILED -> fail(requestId, Objects.requireNonNullElse(input.error(), new CaughtError("Unknown", null)));
        };
    }

    private OutcomeOutput reject(String requestId, ModerateOutput moderation) {
        boolean topic = moderation.target() != Target.TEXT;
        String what = topic ? "The topic" : "The generated text";
        String reason = what + " was flagged by moderation"
                + (moderation.categories().isEmpty() ? "" : " (" + String.join(", ", moderation.categories()) + ")")
                + "; nothing was published.";
        requests.markRejected(
                requestId, topic ? Step.MODERATE_TOPIC : Step.MODERATE_TEXT, moderation.categories(), reason);
        metrics.record(requestId).count("PostsRejected", 1).emit();
        return new OutcomeOutput(requestId, "REJECTED", reason);
    }

    private OutcomeOutput fail(String requestId, CaughtError error) {
        String name = shortName(error.error());
        BlogRequest request = requests.get(requestId);
        String step = request.step() == null ? "" : " in step " + request.step();
        String reason = clip(name + step + ": " + readableCause(error.cause()));
        requests.markFailed(requestId, name, reason);
        metrics.record(requestId)
                .dimension("ErrorName", name)
                .count("PostsFailed", 1)
                .emit();
        return new OutcomeOutput(requestId, "FAILED", reason);
    }

    /** {@code dev.aiblog.core.errors.RateLimitedException} → {@code RateLimitedException}; {@code States.Timeout} stays. */
    static String shortName(String error) {
        if (error == null || error.isBlank()) {
            return "Unknown";
        }
        if (error.startsWith("States.") || error.startsWith("Lambda.")) {
            return error;
        }
        return error.substring(error.lastIndexOf('.') + 1);
    }

    /** A Lambda error's Cause is its JSON error document; keep only the message. */
    static String readableCause(String cause) {
        if (cause == null || cause.isBlank()) {
            return "no cause was given";
        }
        if (cause.startsWith("{")) {
            try {
                JsonNode node = Json.mapper().readTree(cause);
                if (node.hasNonNull("errorMessage")) {
                    return node.get("errorMessage").asText();
                }
            } catch (java.io.IOException ignored) {
                // not JSON after all: fall through and keep the text
            }
        }
        return cause;
    }

    private static String clip(String s) {
        return s.length() <= MAX_REASON ? s : s.substring(0, MAX_REASON - 1) + "…";
    }
}
