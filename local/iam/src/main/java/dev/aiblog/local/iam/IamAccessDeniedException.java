package dev.aiblog.local.iam;

import java.util.Objects;

/**
 * A principal's role does not allow an action that is checked in-process, e.g. the local state
 * machine invoking a function ({@code lambda:InvokeFunction}). The message is IAM's.
 */
public class IamAccessDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Principal principal;
    private final String action;
    private final String resource;

    public IamAccessDeniedException(Principal principal, String action, String resource, String message) {
        super(message);
        this.principal = Objects.requireNonNull(principal, "principal");
        this.action = Objects.requireNonNull(action, "action");
        this.resource = Objects.requireNonNull(resource, "resource");
    }

    /** AWS's error code for it. */
    public String errorCode() {
        return "AccessDeniedException";
    }

    public Principal principal() {
        return principal;
    }

    public String action() {
        return action;
    }

    public String resource() {
        return resource;
    }
}
