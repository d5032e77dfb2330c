package dev.aiblog.core.steps;

import dev.aiblog.core.model.Audience;
import dev.aiblog.core.model.Length;
import dev.aiblog.core.model.TokenUsage;
import dev.aiblog.core.model.Tone;
import java.math.BigDecimal;
import java.util.List;

/**
 * The inputs and outputs of the state machine's tasks, as {@code statemachine/blog-pipeline.asl.json} passes
 * them. They carry S3 keys and small metadata only, never bodies or images (the 256 KB state limit).
 */
public final class StepContracts {
    private StepContracts() {}

    /** What to moderate: the topic itself, or the draft at {@code draftKey}. */
    public enum Target {
        TOPIC,
        TEXT
    }

    /** What every step gets: the request it works for. */
    public interface StepInput {
        String requestId();
    }

    public record ModerateInput(String requestId, Target target, String text, String draftKey) implements StepInput {}

    public record ModerateOutput(Target target, boolean flagged, List<String> categories, String model) {}

    /** The options travel as their lower-case wire names ({@code "audience": "expert"}), typed here. */
    public record TextInput(String requestId, String topic, Audience audience, Tone tone, Length length)
            implements StepInput {}

    public record TextOutput(
            String draftKey, String title, String model, TokenUsage usage, String provider, boolean offline) {}

    public record ImageInput(String requestId, String draftKey) implements StepInput {}

    public record ImageOutput(String imageKey, String model, TokenUsage usage) {}

    /**
     * @param reviewedBy the editor who approved the draft (review required), else null; {@code draftKey} is then the
     *                   edited draft's
     */
    public record PublishInput(
            String requestId, String draftKey, String imageKey, TextOutput text, ImageOutput image, String reviewedBy)
            implements StepInput {
        public PublishInput(String requestId, String draftKey, String imageKey, TextOutput text, ImageOutput image) {
            this(requestId, draftKey, imageKey, text, image, null);
        }
    }

    /**
     * What the review step gets (a {@code lambda:invoke.waitForTaskToken} payload): the task token to record, the
     * draft and image, what they cost, and how long the review may take.
     */
    public record ReviewInput(
            String requestId,
            String taskToken,
            String draftKey,
            String imageKey,
            TextOutput text,
            ImageOutput image,
            long timeoutSeconds)
            implements StepInput {}

    /** What the review step answers; the state machine ignores it and waits for the editor's decision. */
    public record ReviewOutput(String requestId, String status, java.time.Instant deadline) {}

    /**
     * The editor's decision, as the API hands it to the waiting execution ({@code SendTaskSuccess}'s output, the
     * AwaitReview state's result).
     *
     * @param decision   {@code approve} or {@code reject}
     * @param draftKey   the draft to publish (the edited one) when approved
     * @param reviewedBy the editor
     */
    public record ReviewResult(String decision, String draftKey, String reviewedBy) {}

    public record PublishOutput(String postId, BigDecimal costUsd, boolean alreadyPublished) {}

    /** How a request ended when it did not publish. */
    public enum Outcome {
        REJECTED,
        FAILED
    }

    /** A caught error as Step Functions hands it to a Catch: {@code {"Error": ..., "Cause": ...}}. */
    public record CaughtError(
            @com.fasterxml.jackson.annotation.JsonProperty("Error")
            String error,

            @com.fasterxml.jackson.annotation.JsonProperty("Cause")
            String cause) {}

    public record OutcomeInput(String requestId, Outcome outcome, ModerateOutput moderation, CaughtError error) {}

    public record OutcomeOutput(String requestId, String status, String reason) {}
}
