package dev.aiblog.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An intrinsic function call such as {@code States.Format('Hello {}', $.name)}, parsed at load time. Only the
 * functions in {@link Function} are supported; any other name is refused when the definition is loaded.
 */
final class Intrinsic {

    /** The supported intrinsic functions and how many arguments each takes. */
    enum Function {
        FORMAT("States.Format", 1, Integer.MAX_VALUE),
        STRING_TO_JSON("States.StringToJson", 1, 1),
        JSON_TO_STRING("States.JsonToString", 1, 1),
        ARRAY("States.Array", 0, Integer.MAX_VALUE),
        UUID("States.UUID", 0, 0),
        MATH_ADD("States.MathAdd", 2, 2),
        ARRAY_LENGTH("States.ArrayLength", 1, 1);

        final String aslName;
        final int minArgs;
        final int maxArgs;

        Function(String aslName, int minArgs, int maxArgs) {
            this.aslName = aslName;
            this.minArgs = minArgs;
            this.maxArgs = maxArgs;
        }

        static Function named(String name) {
            return Arrays.stream(values())
                    .filter(f -> f.aslName.equals(name))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** Intrinsics the spec defines that this runner does not implement: named as such in the refusal. */
    private static final Set<String> SPEC_ONLY = Set.of(
            "States.ArrayPartition",
            "States.ArrayContains",
            "States.ArrayRange",
            "States.ArrayGetItem",
            "States.ArrayUnique",
            "States.Base64Encode",
            "States.Base64Decode",
            "States.Hash",
            "States.JsonMerge",
            "States.MathRandom",
            "States.StringSplit");

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    sealed interface Arg permits StringArg, LiteralArg, PathArg, Call {}

    /**
     * A quoted string. {@code parts} is the text split at its unescaped {@code {}} placeholders, which only
     * States.Format gives a meaning; {@code value} is the text with escapes resolved.
     */
    record StringArg(String value, List<String> parts) implements Arg {}

    /** A number, {@code true}, {@code false} or {@code null}. */
    record LiteralArg(JsonNode value) implements Arg {}

    record PathArg(JsonPathExpr path) implements Arg {}

    record Call(Function function, List<Arg> args, String text) implements Arg {}

    private Intrinsic() {}

    /**
     * Parses an intrinsic function expression.
     *
     * @throws IllegalArgumentException naming the unsupported function or the syntax error
     */
    static Call parse(String text) {
        Parser parser = new Parser(text);
        Call call = parser.call();
        parser.skipSpaces();
        if (!parser.atEnd()) {
            throw parser.error("unexpected text after the closing ')'");
        }
        return call;
    }

    /** Evaluates {@code call}; a failure is a {@link StateError} named States.Runtime. */
    static JsonNode evaluate(Call call, Scope scope) {
        List<JsonNode> values = new ArrayList<>(call.args().size());
        for (Arg arg : call.args()) {
            values.add(value(arg, call, scope));
        }
        return switch (call.function()) {
            case FORMAT -> format(call, values);
            case STRING_TO_JSON -> stringToJson(call, values.getFirst());
            case JSON_TO_STRING -> Json.NODES.textNode(Json.compact(values.getFirst()));
            case ARRAY -> {
                ArrayNode array = Json.NODES.arrayNode();
                values.forEach(array::add);
                yield array;
            }
            case UUID -> Json.NODES.textNode(scope.uuids().get().toString());
            case MATH_ADD -> mathAdd(call, values.get(0), values.get(1));
            case ARRAY_LENGTH -> {
                if (!values.getFirst().isArray()) {
                    throw failure(call, "the argument must be an array, got " + Json.abbreviate(values.getFirst()));
                }
                yield Json.NODES.numberNode(values.getFirst().size());
            }
        };
    }

    private static JsonNode value(Arg arg, Call call, Scope scope) {
        return switch (arg) {
            case StringArg s -> Json.NODES.textNode(s.value());
            case LiteralArg l -> l.value();
            case Call nested -> evaluate(nested, scope);
            case PathArg p -> {
                JsonNode value = p.path().read(scope.input(), scope.context());
                if (value == null) {
                    throw failure(
                            call,
                            "the JSONPath '" + p.path() + "' could not be found in the input "
                                    + Json.abbreviate(scope.input()));
                }
                yield value;
            }
        };
    }

    private static JsonNode format(Call call, List<JsonNode> values) {
        List<String> parts;
        if (call.args().getFirst() instanceof StringArg template) {
            parts = template.parts();
        } else if (values.getFirst().isTextual()) {
            parts = List.of(values.getFirst().textValue().split("\\{}", -1));
        } else {
            throw failure(call, "the template (first argument) must be a string");
        }
        int placeholders = parts.size() - 1;
        if (placeholders != values.size() - 1) {
            throw failure(
                    call,
                    "the template has " + placeholders + " '{}' placeholders but " + (values.size() - 1)
                            + " values were given");
        }
        StringBuilder out = new StringBuilder(parts.getFirst());
        for (int i = 1; i < parts.size(); i++) {
            JsonNode value = values.get(i);
            if (value.isContainerNode()) {
                throw failure(call, "argument " + (i + 1) + " must be a string, number, boolean or null, not " + value);
            }
            out.append(value.isTextual() ? value.textValue() : value.toString()).append(parts.get(i));
        }
        return Json.NODES.textNode(out.toString());
    }

    private static JsonNode stringToJson(Call call, JsonNode value) {
        if (!value.isTextual()) {
            throw failure(call, "the argument must be a string, got " + Json.abbreviate(value));
        }
        try {
            JsonNode parsed = Json.MAPPER.readTree(value.textValue());
            if (parsed == null || parsed.isMissingNode()) {
                throw failure(call, "the argument is not a JSON text: '" + value.textValue() + "'");
            }
            return parsed;
        } catch (JsonProcessingException e) {
            throw failure(call, "the argument is not a JSON text: " + e.getOriginalMessage());
        }
    }

    private static JsonNode mathAdd(Call call, JsonNode a, JsonNode b) {
        if (!isInteger(a) || !isInteger(b)) {
            throw failure(call, "both arguments must be integers, got " + a + " and " + b);
        }
        try {
            long sum = Math.addExact(a.longValue(), b.longValue());
            // An int node when it fits, so the result equals the same number parsed from JSON text.
            return sum == (int) sum ? Json.NODES.numberNode((int) sum) : Json.NODES.numberNode(sum);
        } catch (ArithmeticException e) {
            throw failure(call, "the sum overflows");
        }
    }

    private static boolean isInteger(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToLong();
    }

    private static StateError failure(Call call, String detail) {
        return StateError.runtime("The intrinsic function " + call.text() + " failed: " + detail);
    }

    private static final class Parser {

        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        void skipSpaces() {
            while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException(
                    "invalid intrinsic function '" + text + "': " + message + " at position " + pos);
        }

        Call call() {
            int start = pos;
            while (!atEnd() && isNameChar(text.charAt(pos))) {
                pos++;
            }
            String name = text.substring(start, pos);
            if (name.isEmpty()) {
                throw error("expected a function name");
            }
            Function function = Function.named(name);
            if (function == null) {
                String why = SPEC_ONLY.contains(name) ? " (valid ASL, not implemented by asl-runner)" : "";
                throw new IllegalArgumentException("unsupported intrinsic function '" + name + "'" + why);
            }
            skipSpaces();
            expect('(');
            List<Arg> args = new ArrayList<>();
            skipSpaces();
            if (peek() == ')') {
                pos++;
            } else {
                while (true) {
                    args.add(arg());
                    skipSpaces();
                    char c = peek();
                    pos++;
                    if (c == ')') {
                        break;
                    }
                    if (c != ',') {
                        pos--;
                        throw error("expected ',' or ')'");
                    }
                }
            }
            Call call = new Call(function, List.copyOf(args), text.substring(start, pos));
            check(call);
            return call;
        }

        private void check(Call call) {
            Function f = call.function();
            int n = call.args().size();
            if (n < f.minArgs || n > f.maxArgs) {
                String expected = f.minArgs == f.maxArgs
                        ? String.valueOf(f.minArgs)
                        : f.maxArgs == Integer.MAX_VALUE ? "at least " + f.minArgs : f.minArgs + " to " + f.maxArgs;
                throw new IllegalArgumentException(f.aslName + " takes " + expected + " argument(s), got " + n);
            }
            switch (f) {
                case FORMAT -> {
                    if (call.args().getFirst() instanceof LiteralArg) {
                        throw new IllegalArgumentException(
                                "States.Format: the template (first argument) must be a string");
                    }
                    if (call.args().getFirst() instanceof StringArg template
                            && template.parts().size() - 1 != n - 1) {
                        throw new IllegalArgumentException("States.Format: the template has "
                                + (template.parts().size() - 1)
                                + " '{}' placeholders but "
                                + (n - 1)
                                + " values are given");
                    }
                }
                case JSON_TO_STRING -> {
                    if (!(call.args().getFirst() instanceof PathArg)) {
                        throw new IllegalArgumentException("States.JsonToString: the argument must be a Path");
                    }
                }
                case STRING_TO_JSON -> {
                    if (call.args().getFirst() instanceof LiteralArg) {
                        throw new IllegalArgumentException("States.StringToJson: the argument must be a string");
                    }
                }
                case MATH_ADD -> {
                    for (Arg arg : call.args()) {
                        if (arg instanceof StringArg || arg instanceof LiteralArg l && !isInteger(l.value())) {
                            throw new IllegalArgumentException("States.MathAdd: the arguments must be integers");
                        }
                    }
                }
                case ARRAY_LENGTH -> {
                    if (call.args().getFirst() instanceof StringArg
                            || call.args().getFirst() instanceof LiteralArg) {
                        throw new IllegalArgumentException("States.ArrayLength: the argument must be an array");
                    }
                }
                default -> {}
            }
        }

        private Arg arg() {
            skipSpaces();
            if (atEnd()) {
                throw error("expected an argument");
            }
            char c = peek();
            if (c == '\'') {
                return string();
            }
            if (c == '$') {
                return path();
            }
            if (c == '-' || Character.isDigit(c)) {
                Matcher m = NUMBER.matcher(text).region(pos, text.length());
                if (!m.lookingAt()) {
                    throw error("invalid number");
                }
                pos = m.end();
                try {
                    return new LiteralArg(Json.MAPPER.readTree(m.group()));
                } catch (JsonProcessingException e) {
                    throw error("invalid number");
                }
            }
            for (String keyword : List.of("null", "true", "false")) {
                if (text.startsWith(keyword, pos) && !isNameChar(charAt(pos + keyword.length()))) {
                    pos += keyword.length();
                    return new LiteralArg(
                            switch (keyword) {
                                case "null" -> Json.NODES.nullNode();
                                case "true" -> Json.NODES.booleanNode(true);
                                default -> Json.NODES.booleanNode(false);
                            });
                }
            }
            if (Character.isLetter(c)) {
                return call();
            }
            throw error("unexpected character '" + c + "'");
        }

        private StringArg string() {
            pos++;
            StringBuilder value = new StringBuilder();
            StringBuilder part = new StringBuilder();
            List<String> parts = new ArrayList<>();
            while (true) {
                if (atEnd()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(pos);
                if (c == '\\') {
                    char next = charAt(pos + 1);
                    if ("'{}\\".indexOf(next) < 0 || next == 0) {
                        throw error("open escape '\\' (only \\', \\{, \\} and \\\\ are escapes)");
                    }
                    value.append(next);
                    part.append(next);
                    pos += 2;
                } else if (c == '\'') {
                    pos++;
                    break;
                } else if (c == '{') {
                    if (charAt(pos + 1) != '}') {
                        throw error("'{' must be escaped as '\\{' unless it opens a '{}' placeholder");
                    }
                    parts.add(part.toString());
                    part.setLength(0);
                    value.append("{}");
                    pos += 2;
                } else if (c == '}') {
                    throw error("'}' must be escaped as '\\}'");
                } else {
                    value.append(c);
                    part.append(c);
                    pos++;
                }
            }
            parts.add(part.toString());
            return new StringArg(value.toString(), List.copyOf(parts));
        }

        private PathArg path() {
            int start = pos;
            int depth = 0;
            char quote = 0;
            for (; !atEnd(); pos++) {
                char c = text.charAt(pos);
                if (quote != 0) {
                    if (c == '\\') {
                        pos++;
                    } else if (c == quote) {
                        quote = 0;
                    }
                } else if (depth > 0 && (c == '\'' || c == '"')) {
                    quote = c;
                } else if (c == '[' || c == '(') {
                    depth++;
                } else if (c == ']' || c == ')') {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (c == ',' && depth == 0) {
                    break;
                }
            }
            String path = text.substring(start, pos).strip();
            try {
                return new PathArg(JsonPathExpr.path(path, true));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "invalid intrinsic function '" + text + "': argument " + e.getMessage());
            }
        }

        private char peek() {
            return charAt(pos);
        }

        private char charAt(int i) {
            return i < text.length() ? text.charAt(i) : 0;
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private static boolean isNameChar(char c) {
            return c == '.' || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
        }
    }
}
