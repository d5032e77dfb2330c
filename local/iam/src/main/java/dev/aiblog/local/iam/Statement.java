package dev.aiblog.local.iam;

import java.util.List;
import java.util.Objects;

/**
 * One statement of an identity-based policy, without conditions (a statement with a Condition is
 * refused when the policy is loaded, see {@link PolicyDocuments}).
 *
 * @param origin where the statement comes from, e.g. {@code DynamoDBCrudPolicy(TableName=Requests)}
 *     or {@code AWSLambdaBasicExecutionRole}; named in decisions and the access log
 * @param sid the statement's Sid, or empty
 * @param actions the Action (or, with {@code notAction}, the NotAction) patterns
 * @param resources the Resource (or, with {@code notResource}, the NotResource) patterns
 */
public record Statement(
        String origin,
        String sid,
        Effect effect,
        List<String> actions,
        boolean notAction,
        List<String> resources,
        boolean notResource) {

    public Statement {
        Objects.requireNonNull(origin, "origin");
        sid = sid == null ? "" : sid;
        Objects.requireNonNull(effect, "effect");
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        if (actions.isEmpty()) {
            throw new PolicyException(
                    origin + ": a statement needs at least one " + (notAction ? "NotAction" : "Action"));
        }
        if (resources.isEmpty()) {
            throw new PolicyException(
                    origin + ": a statement needs at least one " + (notResource ? "NotResource" : "Resource"));
        }
        for (String resource : resources) {
            if (resource.contains("${")) {
                throw new PolicyException(
                        origin + ": the Resource " + resource
                                + " holds a policy variable or an unresolved substitution, which the local IAM evaluator does not support");
            }
        }
    }

    /** An Allow statement on the given actions and resources. */
    public static Statement allow(String origin, List<String> actions, List<String> resources) {
        return new Statement(origin, "", Effect.ALLOW, actions, false, resources, false);
    }

    /** A Deny statement on the given actions and resources. */
    public static Statement deny(String origin, List<String> actions, List<String> resources) {
        return new Statement(origin, "", Effect.DENY, actions, false, resources, false);
    }

    /** Whether this statement applies to the action on the resource (its Effect aside). */
    public boolean applies(String action, String resource) {
        return matchesAny(actions, action, true) != notAction && matchesAny(resources, resource, false) != notResource;
    }

    private static boolean matchesAny(List<String> patterns, String value, boolean isAction) {
        for (String pattern : patterns) {
            Wildcard wildcard = isAction ? Wildcard.action(pattern) : Wildcard.resource(pattern);
            if (wildcard.matches(value)) {
                return true;
            }
        }
        return false;
    }

    /** A short description for logs: origin, Sid and effect. */
    public String describe() {
        return origin + (sid.isEmpty() ? "" : " (Sid " + sid + ")") + " " + effect.json();
    }
}
