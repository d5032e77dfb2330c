package dev.aiblog.local.iam;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of evaluating one action on one resource against a policy, and the statement that
 * decided it (none for an implicit deny).
 */
public record Decision(Outcome outcome, Optional<Statement> statement) {

    /** IAM's three outcomes for identity-based policies. */
    public enum Outcome {
        /** An Allow statement applies and no Deny does. */
        ALLOWED,
        /** A Deny statement applies: it wins over every Allow. */
        EXPLICIT_DENY,
        /** No statement applies. */
        IMPLICIT_DENY
    }

    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(statement, "statement");
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOWED;
    }

    /** The deciding statement's description, or {@code "no statement"}. */
    public String describe() {
        return statement.map(Statement::describe).orElse("no statement");
    }
}
