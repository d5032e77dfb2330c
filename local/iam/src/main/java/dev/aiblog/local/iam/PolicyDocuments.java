package dev.aiblog.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Parses IAM policy documents into statements, refusing what the evaluator cannot honour. */
final class PolicyDocuments {

    private static final Set<String> STATEMENT_KEYS = Set.of(
            "Sid",
            "Effect",
            "Action",
            "NotAction",
            "Resource",
            "NotResource",
            "Condition",
            "Principal",
            "NotPrincipal");

    private PolicyDocuments() {}

    static Policy parse(JsonNode document, String origin, Function<JsonNode, String> resolver) {
        if (document == null || !document.isObject()) {
            throw new PolicyException(origin + ": a policy document is an object with a Statement, got " + document);
        }
        JsonNode statementNode = document.get("Statement");
        if (statementNode == null) {
            throw new PolicyException(origin + ": the policy document has no Statement");
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (statementNode.isArray()) {
            statementNode.forEach(nodes::add);
        } else {
            nodes.add(statementNode);
        }
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String where = nodes.size() == 1 ? origin : origin + " statement " + (i + 1);
            statements.add(statement(nodes.get(i), where, resolver));
        }
        return new Policy(statements);
    }

    private static Statement statement(JsonNode node, String where, Function<JsonNode, String> resolver) {
        if (!node.isObject()) {
            throw new PolicyException(where + ": a statement is an object, got " + node);
        }
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            String name = property.getKey();
            if (!STATEMENT_KEYS.contains(name)) {
                throw new PolicyException(where + ": unknown statement element '" + name + "'");
            }
        }
        if (node.has("Principal") || node.has("NotPrincipal")) {
            throw new PolicyException(
                    where
                            + ": Principal/NotPrincipal belong in resource-based policies, not in a role's identity-based policy");
        }
        refuseConditions(node.get("Condition"), where);
        if (node.has("Action") == node.has("NotAction")) {
            throw new PolicyException(where + ": a statement has exactly one of Action and NotAction");
        }
        if (node.has("Resource") == node.has("NotResource")) {
            throw new PolicyException(where + ": a statement has exactly one of Resource and NotResource");
        }
        JsonNode effect = node.get("Effect");
        if (effect == null) {
            throw new PolicyException(where + ": the statement has no Effect");
        }
        boolean notAction = node.has("NotAction");
        boolean notResource = node.has("NotResource");
        List<String> actions = strings(node.get(notAction ? "NotAction" : "Action"), where, resolver);
        for (String action : actions) {
            if (!action.equals("*") && !action.contains(":")) {
                throw new PolicyException(where + ": the action '" + action + "' is not of the form service:Action");
            }
        }
        List<String> resources = strings(node.get(notResource ? "NotResource" : "Resource"), where, resolver);
        String sid = node.hasNonNull("Sid") ? node.get("Sid").asText() : "";
        return new Statement(
                where, sid, Effect.parse(resolver.apply(effect), where), actions, notAction, resources, notResource);
    }

    private static void refuseConditions(JsonNode condition, String where) {
        if (condition == null || condition.isNull() || (condition.isObject() && condition.isEmpty())) {
            return;
        }
        List<String> keys = new ArrayList<>();
        if (condition.isObject()) {
            for (Map.Entry<String, JsonNode> operator : condition.properties()) {
                if (operator.getValue().isObject()) {
                    operator.getValue()
                            .properties()
                            .forEach(key -> keys.add(key.getKey() + " (" + operator.getKey() + ")"));
                } else {
                    keys.add(operator.getKey());
                }
            }
        }
        throw new PolicyException(where + ": the statement has a Condition on "
                + (keys.isEmpty() ? condition.toString() : String.join(", ", keys))
                + ", which the local IAM evaluator does not understand. It refuses the policy rather than ignore the condition"
                + " (ignoring it would allow what AWS may refuse).");
    }

    private static List<String> strings(JsonNode node, String where, Function<JsonNode, String> resolver) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode element : node) {
                values.add(resolver.apply(element));
            }
        } else {
            values.add(resolver.apply(node));
        }
        for (String value : values) {
            if (value == null || value.isEmpty()) {
                throw new PolicyException(where + ": empty Action or Resource value in " + node);
            }
        }
        return values;
    }

    /** The resolver for documents without intrinsic functions. */
    static String plainString(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        throw new PolicyException("expected a string in the policy document, got " + node
                + " (an intrinsic function needs a resolver: use SamPolicies)");
    }
}
