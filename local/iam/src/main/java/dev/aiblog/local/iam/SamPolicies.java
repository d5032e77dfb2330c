package dev.aiblog.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns SAM's {@code Policies} property, and the policies SAM attaches on its own, into the
 * {@link Policy} of the role SAM would create.
 *
 * <p>Intrinsic functions ({@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub}, ...) are the caller's:
 * it knows the local names of the template's resources. The resolver receives any non-string
 * node found where SAM expects a string and returns the string it stands for (or throws).
 *
 * @see <a href="https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html#sam-function-policies">AWS::Serverless::Function Policies</a>
 */
public final class SamPolicies {

    private SamPolicies() {}

    /**
     * The policies a {@code Policies} property lists: a managed policy name or ARN, a SAM policy
     * template ({@code {DynamoDBCrudPolicy: {TableName: ...}}}), an inline policy document
     * ({@code {Statement: [...]}}), or a list of these.
     *
     * @param policies the property's value; null or missing for none
     * @throws PolicyException for an unknown template or managed policy, or an unsupported statement
     */
    public static Policy roleFor(JsonNode policies, Function<JsonNode, String> resolveIntrinsic) {
        if (policies == null || policies.isNull() || policies.isMissingNode()) {
            return Policy.empty();
        }
        Function<JsonNode, String> resolver = strings(resolveIntrinsic);
        List<JsonNode> entries = new ArrayList<>();
        if (policies.isArray()) {
            policies.forEach(entries::add);
        } else {
            entries.add(policies);
        }
        Policy role = Policy.empty();
        for (int i = 0; i < entries.size(); i++) {
            role = role.and(entry(entries.get(i), i + 1, resolver));
        }
        return role;
    }

    /**
     * The role SAM creates for an {@code AWS::Serverless::Function}: AWSLambdaBasicExecutionRole,
     * AWSXrayWriteOnlyAccess when {@code Tracing} is {@code Active} (on the function or in
     * {@code Globals}), AWSLambdaSQSQueueExecutionRole for an SQS event source, and its
     * {@code Policies}.
     *
     * <p>What SAM adds for VPC access, dead-letter queues or event destinations is not modelled:
     * those permissions are used by the Lambda service, not by the function's code.
     *
     * @param properties the function's {@code Properties}
     * @param globalFunction {@code Globals.Function}, or null
     * @throws PolicyException if the function names its own {@code Role} (its policies are not in the template's SAM form)
     */
    public static Policy functionRoleFor(
            JsonNode properties, JsonNode globalFunction, Function<JsonNode, String> resolveIntrinsic) {
        Function<JsonNode, String> resolver = strings(resolveIntrinsic);
        if (properties.has("Role") || (globalFunction != null && globalFunction.has("Role"))) {
            throw new PolicyException(
                    "the function names its own Role; the local IAM models only the roles SAM creates from Policies");
        }
        Policy role = ManagedPolicies.named(ManagedPolicies.LAMBDA_BASIC_EXECUTION);
        JsonNode tracing = properties.has("Tracing")
                ? properties.get("Tracing")
                : globalFunction == null ? null : globalFunction.get("Tracing");
        if (tracing != null && "Active".equals(resolver.apply(tracing))) {
            role = role.and(ManagedPolicies.named(ManagedPolicies.XRAY_WRITE_ONLY));
        }
        JsonNode events = properties.get("Events");
        if (events != null && events.isObject()) {
            for (Map.Entry<String, JsonNode> event : events.properties()) {
                if ("SQS".equals(event.getValue().path("Type").asText())) {
                    role = role.and(ManagedPolicies.named(ManagedPolicies.LAMBDA_SQS_QUEUE_EXECUTION));
                    break;
                }
            }
        }
        return role.and(roleFor(properties.get("Policies"), resolveIntrinsic));
    }

    /**
     * The role SAM creates for an {@code AWS::Serverless::StateMachine}: its {@code Policies}, and
     * AWSXrayWriteOnlyAccess when {@code Tracing.Enabled} is true.
     *
     * @throws PolicyException if the state machine names its own {@code Role}
     */
    public static Policy stateMachineRoleFor(JsonNode properties, Function<JsonNode, String> resolveIntrinsic) {
        if (properties.has("Role")) {
            throw new PolicyException(
                    "the state machine names its own Role; the local IAM models only the roles SAM creates from Policies");
        }
        Policy role = roleFor(properties.get("Policies"), resolveIntrinsic);
        JsonNode enabled = properties.path("Tracing").get("Enabled");
        if (enabled != null && "true".equalsIgnoreCase(strings(resolveIntrinsic).apply(enabled))) {
            role = ManagedPolicies.named(ManagedPolicies.XRAY_WRITE_ONLY).and(role);
        }
        return role;
    }

    private static Policy entry(JsonNode entry, int position, Function<JsonNode, String> resolver) {
        if (entry.isTextual()) {
            return ManagedPolicies.named(entry.asText());
        }
        if (!entry.isObject()) {
            throw new PolicyException("Policies entry " + position
                    + " is neither a managed policy, a policy template nor a policy document: " + entry);
        }
        if (entry.has("Statement")) {
            return PolicyDocuments.parse(entry, "inline policy (Policies entry " + position + ")", resolver);
        }
        if (entry.size() == 1) {
            String key = entry.properties().iterator().next().getKey();
            if (key.equals("Ref") || key.startsWith("Fn::")) {
                return ManagedPolicies.named(resolver.apply(entry));
            }
            return template(key, entry.get(key), resolver);
        }
        throw new PolicyException("Policies entry " + position
                + " is neither a managed policy, a policy template nor a policy document: " + entry);
    }

    private static Policy template(String name, JsonNode parameters, Function<JsonNode, String> resolver) {
        if (SamPolicyTemplates.find(name).isEmpty()) {
            if (ManagedPolicies.isKnown(name)) {
                throw new PolicyException(name + " is a managed policy: list it as a string, not as a policy template");
            }
            // throws, naming the template and the ones that are known
            SamPolicyTemplates.parameters(name);
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (parameters != null && parameters.isObject()) {
            for (Map.Entry<String, JsonNode> parameter : parameters.properties()) {
                values.put(parameter.getKey(), resolver.apply(parameter.getValue()));
            }
        } else if (parameters != null && !parameters.isNull()) {
            throw new PolicyException(
                    "the parameters of the SAM policy template " + name + " are an object, got " + parameters);
        }
        return SamPolicyTemplates.expand(name, values);
    }

    /** Strings as they are; anything else through the caller's resolver, which must give a string. */
    private static Function<JsonNode, String> strings(Function<JsonNode, String> resolveIntrinsic) {
        return node -> {
            if (node.isTextual()) {
                return node.asText();
            }
            if (node.isNumber() || node.isBoolean()) {
                return node.asText();
            }
            String value = resolveIntrinsic.apply(node);
            if (value == null) {
                throw new PolicyException("the intrinsic " + node + " did not resolve to a string");
            }
            return value;
        };
    }
}
