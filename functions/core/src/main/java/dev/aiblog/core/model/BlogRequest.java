package dev.aiblog.core.model;

import java.time.Instant;
import java.util.List;

/**
 * One request to generate a post, as stored in the Requests table.
 *
 * @param reason     readable cause when REJECTED or FAILED
 * @param errorName  the error the state machine caught, when FAILED
 * @param categories moderation categories, when REJECTED
 */
public record BlogRequest(
        String requestId,
        String owner,
        String topic,
        PostOptions options,
        Status status,
        Step step,
        Instant createdAt,
        Instant updatedAt,
        String reason,
        String errorName,
        List<String> categories,
        String postId) {

    public BlogRequest {
        options = options == null ? PostOptions.DEFAULT : options;
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    public static BlogRequest queued(String requestId, String owner, String topic, PostOptions options, Instant now) {
        return new BlogRequest(
                requestId, owner, topic, options, Status.QUEUED, null, now, now, null, null, List.of(), null);
    }
}
