package dev.aiblog.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An {@code InputPath} or {@code OutputPath}: absent means {@code $} (everything), JSON {@code null} means an empty
 * object, and a Path selects part of the data (several matches are gathered into an array by json-path).
 */
final class SelectPath {

    static final SelectPath ALL = new SelectPath(null, false);
    static final SelectPath EMPTY = new SelectPath(null, true);

    private final JsonPathExpr path;
    private final boolean empty;

    private SelectPath(JsonPathExpr path, boolean empty) {
        this.path = path;
        this.empty = empty;
    }

    static SelectPath of(JsonPathExpr path) {
        return "$".equals(path.text()) ? ALL : new SelectPath(path, false);
    }

    JsonNode apply(Scope scope) {
        if (empty) {
            return Json.object();
        }
        if (path == null) {
            return scope.input();
        }
        JsonNode value = path.read(scope.input(), scope.context());
        if (value == null) {
            throw StateError.runtime("Invalid path '" + path + "' : No results for path: " + path + " in "
                    + Json.abbreviate(scope.input()));
        }
        return value;
    }
}
