package dev.aiblog.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ASL Path, compiled once at load time and evaluated with json-path. A path that begins with {@code $$} reads the
 * context object instead of the state's data.
 */
final class JsonPathExpr {

    private static final Pattern NORMALISED_TOKEN = Pattern.compile("\\['((?:[^'\\\\]|\\\\.)*)'\\]|\\[(\\d+)\\]");

    private final String text;
    private final boolean context;
    private final JsonPath compiled;

    private JsonPathExpr(String text, boolean context, JsonPath compiled) {
        this.text = text;
        this.context = context;
        this.compiled = compiled;
    }

    /**
     * Compiles a Path.
     *
     * @throws IllegalArgumentException with a message fit to follow "field 'X' " when it is not a valid Path
     */
    static JsonPathExpr path(String text, boolean allowContext) {
        if (text == null || !text.startsWith("$")) {
            throw new IllegalArgumentException("must be a JSONPath beginning with '$', got '" + text + "'");
        }
        boolean context = text.startsWith("$$");
        if (context && !allowContext) {
            throw new IllegalArgumentException("must not reference the context object ('$$'), got '" + text + "'");
        }
        String jsonPath = context ? text.substring(1) : text;
        if (jsonPath.length() > 1 && jsonPath.charAt(1) != '.' && jsonPath.charAt(1) != '[') {
            throw new IllegalArgumentException("is not a valid JSONPath: '" + text + "'");
        }
        try {
            JsonPath compiled = JsonPath.compile(jsonPath);
            // json-path forgives an unclosed bracket ("$.a["); a Path must be complete.
            if (unbalanced(jsonPath)) {
                throw new InvalidPathException("unbalanced brackets");
            }
            return new JsonPathExpr(text, context, compiled);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("is not a valid JSONPath: '" + text + "' (" + e.getMessage() + ")");
        }
    }

    /** A Path that may read the context object. */
    static JsonPathExpr pathWithContext(String text) {
        return path(text, true);
    }

    /** A Reference Path that may read the context object. */
    static JsonPathExpr reference(String text) {
        return referencePath(text, true);
    }

    /** Compiles a Reference Path: a Path that identifies a single node. */
    static JsonPathExpr referencePath(String text, boolean allowContext) {
        JsonPathExpr path = path(text, allowContext);
        if (!path.compiled.isDefinite() || path.text.contains("()")) {
            throw new IllegalArgumentException(
                    "must be a Reference Path that selects a single node (no wildcards, filters, slices, unions or"
                            + " functions), got '" + text + "'");
        }
        return path;
    }

    private static boolean unbalanced(String path) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (depth > 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
        }
        return depth != 0 || quote != 0;
    }

    String text() {
        return text;
    }

    boolean isContext() {
        return context;
    }

    /**
     * Applies the path to {@code data}, or to {@code contextObject} for a {@code $$} path.
     *
     * @return the selected value, or Java {@code null} when the path selects nothing
     */
    JsonNode read(JsonNode data, JsonNode contextObject) {
        JsonNode document = context ? contextObject : data;
        try {
            Object result = compiled.read(document, Json.JSONPATH);
            if (result == null) {
                return Json.NODES.nullNode();
            }
            return result instanceof JsonNode node ? node : Json.MAPPER.valueToTree(result);
        } catch (PathNotFoundException e) {
            return null;
        }
    }

    /**
     * The steps of a Reference Path, from json-path's normalised form ({@code $['a'][0]}): a String is a field name, an
     * Integer an array index.
     */
    List<Object> segments() {
        String normalised = compiled.getPath();
        List<Object> segments = new ArrayList<>();
        Matcher m = NORMALISED_TOKEN.matcher(normalised);
        int at = 1;
        while (at < normalised.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("is not a Reference Path that can be written to: '" + text + "'");
            }
            if (m.group(1) != null) {
                segments.add(m.group(1).replace("\\'", "'"));
            } else {
                segments.add(Integer.valueOf(m.group(2)));
            }
            at = m.end();
        }
        return segments;
    }

    @Override
    public String toString() {
        return text;
    }
}
