package dev.aiblog.local.sam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template's intrinsic functions, evaluated the way CloudFormation would against the local stack: {@code Ref}
 * to a resource (its local physical name, URL or ARN), to a function's published alias ({@code Function.Alias},
 * SAM's {@code AutoPublishAlias}: the alias ARN) or a parameter, {@code Fn::GetAtt} ({@code Arn} and the
 * attributes the local resources know), {@code Fn::Sub}, {@code Fn::Join}, {@code Fn::Select}, {@code Fn::Split},
 * {@code Fn::If} with the template's {@code Conditions} ({@code Fn::Equals}, {@code Fn::Not}, {@code Fn::And},
 * {@code Fn::Or}, {@code Condition}). Anything else is refused with its name, so the local stack never runs on a
 * guess.
 */
public final class TemplateValues {
    private static final Pattern SUB = Pattern.compile("\\$\\{([^}!][^}]*)}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SamTemplate template;
    private final Map<String, String> refs;
    private final Map<String, String> attributes;
    private final Map<String, String> parameters;
    private final Map<String, Boolean> conditions = new HashMap<>();

    /**
     * @param refs logical id → what {@code !Ref} gives for resources the local stack holds
     * @param attributes {@code LogicalId.Attribute} → value, for {@code !GetAtt} beyond what the template knows
     * @param parameters every parameter's value (defaults with overrides applied)
     */
    TemplateValues(
            SamTemplate template,
            Map<String, String> refs,
            Map<String, String> attributes,
            Map<String, String> parameters) {
        this.template = template;
        this.refs = Map.copyOf(refs);
        this.attributes = Map.copyOf(attributes);
        this.parameters = Map.copyOf(parameters);
    }

    /** A value that must be one string: an environment variable, a substitution, an ARN. */
    public String text(JsonNode value) {
        JsonNode resolved = json(value);
        if (resolved.isValueNode()) {
            return resolved.asText();
        }
        throw new IllegalStateException(
                template.file() + ": " + value + " resolves to " + resolved + ", not a single value");
    }

    /** Any part of the template with every intrinsic in it evaluated: plain JSON, as CloudFormation hands it on. */
    public JsonNode json(JsonNode value) {
        if (value.isObject() && value.size() == 1) {
            String key = value.properties().iterator().next().getKey();
            if (key.equals("Ref") || key.startsWith("Fn::")) {
                return intrinsic(key, value.get(key));
            }
        }
        if (value.isObject()) {
            ObjectNode out = NODES.objectNode();
            value.properties().forEach(e -> out.set(e.getKey(), json(e.getValue())));
            return out;
        }
        if (value.isArray()) {
            ArrayNode out = NODES.arrayNode();
            value.forEach(v -> out.add(json(v)));
            return out;
        }
        return value;
    }

    /** Whether a condition of the template's {@code Conditions} holds. */
    public boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known != null) {
            return known;
        }
        JsonNode definition = template.root().path("Conditions").path(name);
        if (definition.isMissingNode()) {
            throw new IllegalStateException(template.file() + ": no condition " + name + " in Conditions");
        }
        boolean holds = bool(definition);
        conditions.put(name, holds);
        return holds;
    }

    private JsonNode intrinsic(String function, JsonNode args) {
        return switch (function) {
            case "Ref" -> NODES.textNode(ref(args.asText()));
            case "Fn::GetAtt" -> NODES.textNode(getAtt(args));
            case "Fn::Sub" -> NODES.textNode(sub(args));
            case "Fn::Join" -> NODES.textNode(join(args));
            case "Fn::Select" -> select(args);
            case "Fn::Split" -> split(args);
            case "Fn::If" -> condition(args.get(0).asText()) ? json(args.get(1)) : json(args.get(2));
            default -> throw new IllegalStateException(template.file() + ": " + function + " is not supported locally");
        };
    }

    private String ref(String name) {
        String resource = refs.get(name);
        if (resource != null) {
            return resource;
        }
        String parameter = parameters.get(name);
        if (parameter != null) {
            return parameter;
        }
        if (name.endsWith(".Alias")) {
            // SAM's reference to the alias AutoPublishAlias creates: the qualified function ARN
            return template.aliasArn(name.substring(0, name.length() - ".Alias".length()));
        }
        String type = template.root().path("Resources").path(name).path("Type").asText("");
        if (!type.isEmpty()) {
            // what !Ref gives for resources the emulators do not hold: a state machine's ARN, a function's name
            return type.equals("AWS::Serverless::StateMachine") ? template.arn(name) : name;
        }
        return switch (name) {
            case "AWS::Region" -> SamTemplate.REGION;
            case "AWS::AccountId" -> SamTemplate.ACCOUNT;
            case "AWS::Partition" -> "aws";
            case "AWS::URLSuffix" -> "amazonaws.com";
            case "AWS::StackName" -> SamTemplate.STACK_NAME;
            default ->
                throw new IllegalStateException(
                        template.file() + ": !Ref " + name + " names nothing the local runtime knows");
        };
    }

    private String getAtt(JsonNode args) {
        String target = args.isArray() ? args.get(0).asText() : args.asText().split("\\.", 2)[0];
        String attribute = args.isArray() ? args.get(1).asText() : args.asText().split("\\.", 2)[1];
        String known = attributes.get(target + "." + attribute);
        if (known != null) {
            return known;
        }
        String type =
                template.root().path("Resources").path(target).path("Type").asText("");
        if ("Arn".equals(attribute)) {
            return template.arn(target);
        }
        if ("Name".equals(attribute) && type.equals("AWS::Serverless::StateMachine")) {
            return target;
        }
        throw new IllegalStateException(
                template.file() + ": !GetAtt " + target + "." + attribute + " is not supported locally");
    }

    private String sub(JsonNode args) {
        String text = args.isArray() ? args.get(0).asText() : args.asText();
        JsonNode variables = args.isArray() && args.size() > 1 ? args.get(1) : NODES.objectNode();
        Matcher m = SUB.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            if (variables.has(name)) {
                replacement = text(variables.get(name));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                replacement = getAtt(NODES.textNode(name));
            } else {
                replacement = ref(name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String join(JsonNode args) {
        JsonNode items = json(args.get(1));
        List<String> parts = new ArrayList<>();
        if (items.isArray()) {
            items.forEach(p -> parts.add(p.asText()));
        } else {
            // a !Ref to a CommaDelimitedList parameter: its value is the list, held here comma-joined
            parts.addAll(List.of(items.asText().split(",")));
        }
        return String.join(args.get(0).asText(), parts);
    }

    private JsonNode select(JsonNode args) {
        int index = Integer.parseInt(text(args.get(0)));
        JsonNode list = json(args.get(1));
        if (!list.isArray() && list.isTextual()) {
            list = split(NODES.arrayNode().add(",").add(list));
        }
        if (index < 0 || index >= list.size()) {
            throw new IllegalStateException(template.file() + ": Fn::Select index " + index + " is outside " + list);
        }
        return list.get(index);
    }

    private JsonNode split(JsonNode args) {
        String delimiter = args.get(0).asText();
        String source = text(args.get(1));
        ArrayNode out = NODES.arrayNode();
        for (String part : source.split(Pattern.quote(delimiter), -1)) {
            out.add(part);
        }
        return out;
    }

    private boolean bool(JsonNode node) {
        if (node.isObject() && node.size() == 1) {
            String key = node.properties().iterator().next().getKey();
            JsonNode args = node.get(key);
            return switch (key) {
                case "Fn::Equals" ->
                    json(args.get(0)).asText().equals(json(args.get(1)).asText());
                case "Fn::Not" -> !bool(args.get(0));
                case "Fn::And" -> {
                    boolean all = true;
                    for (JsonNode a : args) {
                        all &= bool(a);
                    }
                    yield all;
                }
                case "Fn::Or" -> {
                    boolean any = false;
                    for (JsonNode a : args) {
                        any |= bool(a);
                    }
                    yield any;
                }
                case "Condition" -> condition(args.asText());
                default ->
                    throw new IllegalStateException(
                            template.file() + ": condition function " + key + " is not supported locally");
            };
        }
        throw new IllegalStateException(template.file() + ": " + node + " is not a condition");
    }
}
