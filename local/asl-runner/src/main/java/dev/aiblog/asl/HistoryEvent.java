package dev.aiblog.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One entry of an execution's history, shaped after the Step Functions {@code GetExecutionHistory} API.
 *
 * <p>{@code details} holds what the matching AWS {@code *EventDetails} structure holds, with the same field names
 * ({@code name}, {@code input}, {@code output}, {@code error}, {@code cause}, {@code resource}, {@code resourceType},
 * {@code parameters}, {@code timeoutInSeconds}). One difference: {@code input}, {@code output} and
 * {@code parameters} hold the JSON value itself, where AWS returns it serialised as a string. Treat it as read-only.
 *
 * @param id sequential from 1 within an execution
 * @param previousEventId the id of the event recorded before this one (0 for the first)
 * @param timestamp when the event was recorded, from the runner's clock
 * @param type the event type
 * @param stateName the state the event belongs to, {@code null} for execution-level events
 * @param details the event details, never {@code null}
 */
public record HistoryEvent(
        long id, long previousEventId, Instant timestamp, HistoryEventType type, String stateName, JsonNode details) {}
