package dev.aiblog.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Does the work of every Task state. The runner passes the state's {@code Resource} (after substitutions) and its
 * effective input (after {@code InputPath} and {@code Parameters}); the returned value is the task result, which
 * {@code ResultSelector}, {@code ResultPath} and {@code OutputPath} then process.
 *
 * <p>Throw {@link TaskFailedException} to fail with a named error. Any other exception also fails the task, with the
 * exception's class name as the error name, as Lambda reports an unhandled Java exception. Implementations may be
 * called from several executions at once.
 */
@FunctionalInterface
public interface TaskHandler {

    /**
     * @param resource the Task state's {@code Resource} URI
     * @param input the effective input, a copy the handler may keep or change
     * @return the task result; {@code null} is taken as JSON {@code null}
     * @throws TaskFailedException to fail the task with that error name and cause
     */
    JsonNode invoke(String resource, JsonNode input) throws TaskFailedException;
}
