package dev.aiblog.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** A compiled JSONPath Choice Rule: a boolean expression (And, Or, Not) or a data-test expression. */
sealed interface ChoiceRule {

    /** Evaluates against the Choice state's effective input; a Variable that matches nothing is States.Runtime. */
    boolean matches(Scope scope);

    record And(List<ChoiceRule> rules) implements ChoiceRule {
        @Override
        public boolean matches(Scope scope) {
            for (ChoiceRule rule : rules) {
                if (!rule.matches(scope)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Or(List<ChoiceRule> rules) implements ChoiceRule {
        @Override
        public boolean matches(Scope scope) {
            for (ChoiceRule rule : rules) {
                if (rule.matches(scope)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(ChoiceRule rule) implements ChoiceRule {
        @Override
        public boolean matches(Scope scope) {
            return !rule.matches(scope);
        }
    }

    /** The kinds of value a comparison operator works on. */
    enum Kind {
        STRING,
        NUMERIC,
        BOOLEAN,
        TIMESTAMP,
        TYPE_TEST
    }

    /** Every data-test operator of the spec, except the *Path twins, which share an Operator and set a flag. */
    enum Operator {
        StringEquals(Kind.STRING, 0),
        StringLessThan(Kind.STRING, -1),
        StringGreaterThan(Kind.STRING, 1),
        StringLessThanEquals(Kind.STRING, -2),
        StringGreaterThanEquals(Kind.STRING, 2),
        StringMatches(Kind.STRING, 0),
        NumericEquals(Kind.NUMERIC, 0),
        NumericLessThan(Kind.NUMERIC, -1),
        NumericGreaterThan(Kind.NUMERIC, 1),
        NumericLessThanEquals(Kind.NUMERIC, -2),
        NumericGreaterThanEquals(Kind.NUMERIC, 2),
        BooleanEquals(Kind.BOOLEAN, 0),
        TimestampEquals(Kind.TIMESTAMP, 0),
        TimestampLessThan(Kind.TIMESTAMP, -1),
        TimestampGreaterThan(Kind.TIMESTAMP, 1),
        TimestampLessThanEquals(Kind.TIMESTAMP, -2),
        TimestampGreaterThanEquals(Kind.TIMESTAMP, 2),
        IsNull(Kind.TYPE_TEST, 0),
        IsPresent(Kind.TYPE_TEST, 0),
        IsNumeric(Kind.TYPE_TEST, 0),
        IsString(Kind.TYPE_TEST, 0),
        IsBoolean(Kind.TYPE_TEST, 0),
        IsTimestamp(Kind.TYPE_TEST, 0);

        final Kind kind;

        /** 0 equals, -1 less than, 1 greater than, -2 less than or equal, 2 greater than or equal. */
        final int relation;

        Operator(Kind kind, int relation) {
            this.kind = kind;
            this.relation = relation;
        }

        /** Whether a {@code <name>Path} variant exists. */
        boolean hasPathVariant() {
            return kind != Kind.TYPE_TEST && this != StringMatches;
        }

        static final Set<String> NAMES;

        static {
            List<String> names = new ArrayList<>();
            for (Operator op : values()) {
                names.add(op.name());
                if (op.hasPathVariant()) {
                    names.add(op.name() + "Path");
                }
            }
            NAMES = Set.copyOf(names);
        }

        static Map.Entry<Operator, Boolean> parse(String field) {
            boolean path = field.endsWith("Path");
            String base = path ? field.substring(0, field.length() - 4) : field;
            Operator op = Arrays.stream(values())
                    .filter(o -> o.name().equals(base))
                    .findFirst()
                    .orElse(null);
            if (op == null || path && !op.hasPathVariant()) {
                return null;
            }
            return Map.entry(op, path);
        }
    }

    /**
     * {@code Variable} compared by {@code operator} with a literal ({@code operand}) or with the value of
     * {@code operandPath}. {@code pattern} is the compiled StringMatches pattern.
     */
    record DataTest(
            JsonPathExpr variable, Operator operator, JsonNode operand, JsonPathExpr operandPath, Pattern pattern)
            implements ChoiceRule {

        @Override
        public boolean matches(Scope scope) {
            JsonNode value = variable.read(scope.input(), scope.context());
            if (operator == Operator.IsPresent) {
                return (value != null) == operand.booleanValue();
            }
            if (value == null) {
                throw StateError.runtime("Invalid path '" + variable
                        + "': The choice state's condition path references an invalid value.");
            }
            JsonNode other = operand;
            if (operandPath != null) {
                other = operandPath.read(scope.input(), scope.context());
                if (other == null) {
                    throw StateError.runtime("Invalid path '"
                            + operandPath
                            + "': The choice state's condition path references an invalid value.");
                }
            }
            return switch (operator.kind) {
                case TYPE_TEST -> typeTest(value) == other.booleanValue();
                case STRING ->
                    value.isTextual() && other.isTextual() && compareStrings(value.textValue(), other.textValue());
                case NUMERIC ->
                    value.isNumber()
                            && other.isNumber()
                            && holds(value.decimalValue().compareTo(other.decimalValue()));
                case BOOLEAN -> value.isBoolean() && other.isBoolean() && value.booleanValue() == other.booleanValue();
                case TIMESTAMP -> {
                    Instant a = value.isTextual() ? Timestamps.parse(value.textValue()) : null;
                    Instant b = other.isTextual() ? Timestamps.parse(other.textValue()) : null;
                    yield a != null && b != null && holds(a.compareTo(b));
                }
            };
        }

        private boolean compareStrings(String value, String other) {
            if (operator == Operator.StringMatches) {
                return pattern.matcher(value).matches();
            }
            return holds(value.compareTo(other));
        }

        private boolean typeTest(JsonNode value) {
            return switch (operator) {
                case IsNull -> value.isNull();
                case IsNumeric -> value.isNumber();
                case IsString -> value.isTextual();
                case IsBoolean -> value.isBoolean();
                case IsTimestamp -> value.isTextual() && Timestamps.parse(value.textValue()) != null;
                default -> throw new IllegalStateException(operator.name());
            };
        }

        private boolean holds(int comparison) {
            return switch (operator.relation) {
                case 0 -> comparison == 0;
                case -1 -> comparison < 0;
                case 1 -> comparison > 0;
                case -2 -> comparison <= 0;
                case 2 -> comparison >= 0;
                default -> throw new IllegalStateException();
            };
        }
    }

    /**
     * Compiles a StringMatches value: {@code *} matches any run of characters, {@code \*} and {@code \\} are a literal
     * star and backslash, and any other backslash is an error.
     */
    static Pattern wildcard(String value) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                char next = i + 1 < value.length() ? value.charAt(i + 1) : 0;
                if (next != '*' && next != '\\') {
                    throw new IllegalArgumentException(
                            "has an open escape '\\' at position " + i + " (only \\* and \\\\ are escapes)");
                }
                literal.append(next);
                i++;
            } else if (c == '*') {
                regex.append(Pattern.quote(literal.toString())).append(".*");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
