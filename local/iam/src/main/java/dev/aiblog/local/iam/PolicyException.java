package dev.aiblog.local.iam;

/**
 * A policy cannot be loaded faithfully: an unknown SAM policy template or managed policy, a
 * malformed statement, or a Condition the evaluator does not understand. Refused at load time so
 * that the local stack is never silently more permissive (or stricter) than AWS.
 */
public class PolicyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PolicyException(String message) {
        super(message);
    }
}
