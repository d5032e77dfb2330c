package dev.aiblog.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The outcome of one execution.
 *
 * @param executionName the name the execution was started with
 * @param status a terminal status
 * @param output the execution output when {@link ExecutionStatus#SUCCEEDED}, otherwise {@code null}
 * @param error the error name when the execution did not succeed (may be {@code null} for a Fail state without one)
 * @param cause the cause when the execution did not succeed, may be {@code null}
 * @param history every event recorded, ids from 1
 */
public record ExecutionResult(
        String executionName,
        ExecutionStatus status,
        JsonNode output,
        String error,
        String cause,
        List<HistoryEvent> history) {

    /** Copies {@code history} so the record cannot change after it is returned. */
    public ExecutionResult {
        history = List.copyOf(history);
    }
}
