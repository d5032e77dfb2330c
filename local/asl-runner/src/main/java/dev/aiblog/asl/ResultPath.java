package dev.aiblog.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A {@code ResultPath}: where a state's result goes in its raw input. {@code null} in the definition discards the
 * result, {@code "$"} replaces the input, and {@code "$.a.b"} writes into a copy of the input, creating missing
 * objects on the way as the spec asks.
 */
final class ResultPath {

    static final ResultPath REPLACE = new ResultPath("$", List.of(), false);
    static final ResultPath DISCARD = new ResultPath(null, List.of(), true);

    private final String text;
    private final List<Object> segments;
    private final boolean discard;

    private ResultPath(String text, List<Object> segments, boolean discard) {
        this.text = text;
        this.segments = segments;
        this.discard = discard;
    }

    /** @throws IllegalArgumentException when {@code text} is not a Reference Path into the state's data */
    static ResultPath of(String text) {
        JsonPathExpr path = JsonPathExpr.referencePath(text, false);
        List<Object> segments = path.segments();
        return segments.isEmpty() ? REPLACE : new ResultPath(text, List.copyOf(segments), false);
    }

    /** Combines {@code result} with {@code rawInput}; neither argument is changed. */
    JsonNode apply(JsonNode rawInput, JsonNode result) {
        if (discard) {
            return rawInput;
        }
        if (segments.isEmpty()) {
            return result;
        }
        JsonNode root = rawInput.deepCopy();
        JsonNode node = root;
        for (int i = 0; i < segments.size() - 1; i++) {
            Object segment = segments.get(i);
            JsonNode child = child(node, segment);
            if (child == null) {
                if (!(segment instanceof String field) || !(node instanceof ObjectNode object)) {
                    throw cannotApply(rawInput);
                }
                child = object.putObject(field);
            } else if (!child.isContainerNode()) {
                throw cannotApply(rawInput);
            }
            node = child;
        }
        Object last = segments.getLast();
        if (last instanceof String field && node instanceof ObjectNode object) {
            object.set(field, result);
        } else if (last instanceof Integer index && node instanceof ArrayNode array && index < array.size()) {
            array.set(index, result);
        } else {
            throw cannotApply(rawInput);
        }
        return root;
    }

    private static JsonNode child(JsonNode node, Object segment) {
        if (segment instanceof String field) {
            return node.isObject() ? node.get(field) : null;
        }
        int index = (Integer) segment;
        return node.isArray() && index < node.size() ? node.get(index) : null;
    }

    private StateError cannotApply(JsonNode rawInput) {
        return StateError.runtime("Unable to apply ReferencePath " + text + " to input " + Json.abbreviate(rawInput));
    }

    @Override
    public String toString() {
        return String.valueOf(text);
    }
}
