package dev.aiblog.functions.schedule;

import java.util.List;

/**
 * What a tick did: the requests it made (or found made by an earlier delivery of the same tick), and the
 * candidate topics it passed over as too close to a recent title.
 */
public record ScheduleResult(String scheduledTime, List<String> requestIds, List<String> skippedTopics) {
    public ScheduleResult {
        requestIds = List.copyOf(requestIds);
        skippedTopics = List.copyOf(skippedTopics);
    }
}
