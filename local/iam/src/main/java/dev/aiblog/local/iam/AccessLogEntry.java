package dev.aiblog.local.iam;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One authorization the gateway made (or refused to make): for tests, and for a report of what
 * each function did.
 *
 * @param principal the caller, empty when the request's credentials were not ones the gateway issued
 * @param service the service's signing name ({@code dynamodb}, {@code s3}, ...), or the action's prefix for {@link IamGateway#authorize}
 * @param action the IAM action, {@code -} when the request could not be classified
 * @param resource the resource ARN, {@code -} when the request could not be classified
 * @param allowed whether the request was allowed (with {@code enforced} false it was forwarded either way)
 * @param statement the deciding statement, {@code no statement} for an implicit deny, or empty for a refusal before evaluation
 * @param reason why, in words (the error message the caller got when refused)
 * @param enforced whether a refusal was answered with the AWS error (false: logged and forwarded)
 */
public record AccessLogEntry(
        Instant time,
        Optional<Principal> principal,
        String service,
        String action,
        String resource,
        boolean allowed,
        Optional<String> statement,
        String reason,
        boolean enforced) {

    public AccessLogEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(reason, "reason");
    }

    /** A one-line summary, e.g. {@code ALLOW PublishFunction dynamodb:PutItem arn:... (DynamoDBCrudPolicy{...} Allow)}. */
    public String summary() {
        return (allowed ? "ALLOW " : enforced ? "DENY " : "WOULD-DENY ")
                + principal.map(Principal::logicalId).orElse("(unknown caller)") + " " + action + " " + resource + " ("
                + statement.orElse(reason) + ")";
    }
}
