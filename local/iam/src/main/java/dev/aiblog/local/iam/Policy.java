package dev.aiblog.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The identity-based permissions of a role: its statements, from SAM policy templates, AWS managed
 * policies and inline policy documents. Evaluation follows IAM's order for one account and no
 * boundaries: an explicit Deny beats an Allow, which beats the implicit deny.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html">Policy evaluation logic</a>
 */
public record Policy(List<Statement> statements) {

    public Policy {
        statements = List.copyOf(statements);
    }

    /** A policy that allows nothing. */
    public static Policy empty() {
        return new Policy(List.of());
    }

    public static Policy of(Statement... statements) {
        return new Policy(List.of(statements));
    }

    /**
     * A policy document ({@code {"Version": ..., "Statement": [...]}}) whose values are plain strings.
     *
     * @param origin names the document in messages and decisions
     * @throws PolicyException if the document is malformed or has a Condition
     */
    public static Policy fromDocument(JsonNode document, String origin) {
        return PolicyDocuments.parse(document, origin, PolicyDocuments::plainString);
    }

    /** Both policies' statements, as a role with both attached. */
    public Policy and(Policy other) {
        List<Statement> all = new ArrayList<>(statements);
        all.addAll(other.statements);
        return new Policy(all);
    }

    /**
     * Whether the action (e.g. {@code dynamodb:GetItem}) is allowed on the resource ARN.
     */
    public Decision evaluate(String action, String resourceArn) {
        Optional<Statement> allowing = Optional.empty();
        for (Statement statement : statements) {
            if (statement.applies(action, resourceArn)) {
                if (statement.effect() == Effect.DENY) {
                    return new Decision(Decision.Outcome.EXPLICIT_DENY, Optional.of(statement));
                }
                if (allowing.isEmpty()) {
                    allowing = Optional.of(statement);
                }
            }
        }
        return allowing.map(statement -> new Decision(Decision.Outcome.ALLOWED, Optional.of(statement)))
                .orElseGet(() -> new Decision(Decision.Outcome.IMPLICIT_DENY, Optional.empty()));
    }
}
