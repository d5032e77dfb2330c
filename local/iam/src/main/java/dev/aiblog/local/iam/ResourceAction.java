package dev.aiblog.local.iam;

import java.util.Objects;

/**
 * One authorization IAM makes for a request: an action on a resource ARN. A request can need
 * several (a BatchWriteItem on two tables, a TransactWriteItems with a Put and a ConditionCheck).
 */
public record ResourceAction(String action, String resource) {

    public ResourceAction {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
    }
}
