package dev.aiblog.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled Payload Template ({@code Parameters}, {@code ResultSelector}): fields whose names end in {@code .$} are
 * replaced by the value of their Path, context-object Path or intrinsic function, at any depth, including inside
 * arrays.
 */
final class PayloadTemplate {

    private sealed interface Node permits Literal, ObjectTemplate, ArrayTemplate, PathValue, IntrinsicValue {}

    private record Literal(JsonNode value) implements Node {}

    private record Field(String name, String label, Node value) {}

    private record ObjectTemplate(List<Field> fields) implements Node {}

    private record ArrayTemplate(List<Node> items) implements Node {}

    private record PathValue(JsonPathExpr path, String label) implements Node {}

    private record IntrinsicValue(Intrinsic.Call call) implements Node {}

    private final Node root;

    private PayloadTemplate(Node root) {
        this.root = root;
    }

    /**
     * Compiles {@code template}, which must be a JSON object.
     *
     * @param fieldName the state field that holds it, for messages ({@code Parameters})
     * @throws IllegalArgumentException with a message that names the nested field at fault
     */
    static PayloadTemplate compile(JsonNode template, String fieldName) {
        if (!template.isObject()) {
            throw new IllegalArgumentException("field '" + fieldName + "' must be a JSON object");
        }
        return new PayloadTemplate(compileNode(template, fieldName));
    }

    private static Node compileNode(JsonNode node, String label) {
        if (node.isObject()) {
            List<Field> fields = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String key = entry.getKey();
                String fieldLabel = label + "." + key;
                boolean dynamic = key.endsWith(".$");
                String name = dynamic ? key.substring(0, key.length() - 2) : key;
                if (!names.add(name)) {
                    throw new IllegalArgumentException(
                            "field '" + fieldLabel + "' duplicates field '" + name + "' once '.$' is stripped");
                }
                Node value = dynamic
                        ? compileDynamic(entry.getValue(), fieldLabel)
                        : compileNode(entry.getValue(), fieldLabel);
                fields.add(new Field(name, fieldLabel, value));
            }
            return new ObjectTemplate(List.copyOf(fields));
        }
        if (node.isArray()) {
            List<Node> items = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                items.add(compileNode(node.get(i), label + "[" + i + "]"));
            }
            return new ArrayTemplate(List.copyOf(items));
        }
        return new Literal(node);
    }

    private static Node compileDynamic(JsonNode value, String label) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException(
                    "field '" + label + "' must be a string holding a Path or an intrinsic function");
        }
        String text = value.textValue();
        try {
            if (text.startsWith("$")) {
                return new PathValue(JsonPathExpr.path(text, true), label);
            }
            return new IntrinsicValue(Intrinsic.parse(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + label + "': " + e.getMessage(), e);
        }
    }

    /** Produces the payload; a Path that matches nothing is a {@link StateError} named States.Runtime. */
    JsonNode evaluate(Scope scope) {
        return evaluate(root, scope);
    }

    private static JsonNode evaluate(Node node, Scope scope) {
        return switch (node) {
            case Literal literal -> literal.value().deepCopy();
            case ObjectTemplate object -> {
                ObjectNode out = Json.object();
                for (Field field : object.fields()) {
                    out.set(field.name(), evaluate(field.value(), scope));
                }
                yield out;
            }
            case ArrayTemplate array -> {
                ArrayNode out = Json.NODES.arrayNode();
                for (Node item : array.items()) {
                    out.add(evaluate(item, scope));
                }
                yield out;
            }
            case PathValue path -> {
                JsonNode value = path.path().read(scope.input(), scope.context());
                if (value == null) {
                    JsonNode searched = path.path().isContext() ? scope.context() : scope.input();
                    throw StateError.runtime("The JSONPath '"
                            + path.path()
                            + "' specified for the field '"
                            + lastName(path.label())
                            + "' could not be found in the input "
                            + Json.abbreviate(searched));
                }
                yield value.deepCopy();
            }
            case IntrinsicValue call -> Intrinsic.evaluate(call.call(), scope);
        };
    }

    private static String lastName(String label) {
        int dot = label.lastIndexOf('.', label.length() - 3);
        return dot < 0 ? label : label.substring(dot + 1);
    }
}
