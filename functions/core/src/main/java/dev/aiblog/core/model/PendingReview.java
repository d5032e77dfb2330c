package dev.aiblog.core.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A draft awaiting an editor, as the review step records it on its request: what the queue shows without reading
 * S3 (title, summary, tags, the image's key, the cost so far), where the whole draft is, and the task token the
 * waiting execution continues with.
 *
 * @param owner         who asked for the post ({@code scheduler} for scheduled posts)
 * @param awaitingSince when the draft started waiting; the queue's order
 * @param deadline      when the review times out (the AwaitReview state's timeout)
 * @param taskToken     Step Functions' token for the waiting task; never shown to anyone
 */
public record PendingReview(
        String requestId,
        String owner,
        String topic,
        String title,
        String summary,
        List<String> tags,
        String draftKey,
        String imageKey,
        BigDecimal costUsd,
        Instant createdAt,
        Instant awaitingSince,
        Instant deadline,
        String taskToken) {

    public PendingReview {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The position in the queue, {@code awaitingSince#requestId} (like a feed position). */
    public String position() {
        return awaitingSince + "#" + requestId;
    }
}
