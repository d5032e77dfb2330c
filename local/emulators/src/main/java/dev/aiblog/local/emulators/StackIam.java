package dev.aiblog.local.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiblog.local.iam.Policy;
import dev.aiblog.local.iam.Principal;
import dev.aiblog.local.iam.SamPolicies;
import dev.aiblog.local.sam.SamTemplate;
import dev.aiblog.local.sam.TemplateValues;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The roles SAM creates for the template's functions and state machine, read from {@code template.yaml} with every
 * intrinsic resolved against the local stack: what each one may call, locally as deployed.
 */
public final class StackIam {
    private StackIam() {}

    /** Logical id → the role of every function and the state machine. */
    public static Map<Principal, Policy> roles(SamTemplate template, TemplateValues values) {
        Map<Principal, Policy> roles = new LinkedHashMap<>();
        JsonNode globals = template.globalFunction();
        for (SamTemplate.Function function : template.functions()) {
            JsonNode properties = resolvedPolicies(template.properties(function.logicalId()), values);
            roles.put(
                    Principal.of(function.logicalId()),
                    roleOf(
                            function.logicalId(),
                            () -> SamPolicies.functionRoleFor(
                                    properties, resolvedPolicies(globals, values), JsonNode::asText)));
        }
        String machine = template.stateMachine().logicalId();
        JsonNode properties = resolvedPolicies(template.properties(machine), values);
        roles.put(
                Principal.of(machine),
                roleOf(machine, () -> SamPolicies.stateMachineRoleFor(properties, JsonNode::asText)));
        return roles;
    }

    private static Policy roleOf(String logicalId, java.util.function.Supplier<Policy> build) {
        try {
            return build.get();
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "template.yaml: the role of " + logicalId + " cannot be modelled locally: " + e.getMessage(), e);
        }
    }

    /** The properties with {@code Policies} and {@code Tracing} resolved (events and the rest stay as written). */
    private static JsonNode resolvedPolicies(JsonNode properties, TemplateValues values) {
        if (!properties.isObject()) {
            return properties;
        }
        ObjectNode copy = ((ObjectNode) properties).deepCopy();
        for (String name : new String[] {"Policies", "Tracing"}) {
            if (copy.has(name)) {
                copy.set(name, values.json(copy.get(name)));
            }
        }
        return copy;
    }
}
