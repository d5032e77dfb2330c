package dev.aiblog.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aiblog.asl.States.Catcher;
import dev.aiblog.asl.States.ChoiceBranch;
import dev.aiblog.asl.States.Retrier;
import dev.aiblog.asl.States.State;
import dev.aiblog.asl.States.StringSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns ASL text into compiled states, refusing anything this runner would not execute faithfully. */
final class DefinitionParser {

    /** The largest value Step Functions accepts for its second and attempt counts. */
    private static final long MAX_SECONDS = 99_999_999L;

    /** The suffix of a Task Resource that waits for a callback with the task token. */
    static final String WAIT_FOR_TASK_TOKEN = ".waitForTaskToken";

    private static final int MAX_STATE_NAME_LENGTH = 80;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private static final Set<String> TOP_LEVEL_FIELDS =
            Set.of("StartAt", "States", "Comment", "Version", "TimeoutSeconds", "QueryLanguage");

    private static final Set<String> COMMON = Set.of("Type", "Comment", "QueryLanguage");

    private static final Map<String, Set<String>> FIELDS = Map.of(
            "Task",
            with(
                    "Resource",
                    "InputPath",
                    "OutputPath",
                    "Parameters",
                    "ResultSelector",
                    "ResultPath",
                    "TimeoutSeconds",
                    "TimeoutSecondsPath",
                    "HeartbeatSeconds",
                    "HeartbeatSecondsPath",
                    "Retry",
                    "Catch",
                    "Next",
                    "End"),
            "Pass",
            with("InputPath", "OutputPath", "Parameters", "Result", "ResultPath", "Next", "End"),
            "Choice",
            with("Choices", "Default", "InputPath", "OutputPath"),
            "Wait",
            with("Seconds", "SecondsPath", "Timestamp", "TimestampPath", "InputPath", "OutputPath", "Next", "End"),
            "Succeed",
            with("InputPath", "OutputPath"),
            "Fail",
            with("Error", "Cause", "ErrorPath", "CausePath"));

    /** Fields that ASL defines but this runner does not implement; named as such in the refusal. */
    private static final Set<String> NOT_IMPLEMENTED = Set.of(
            "Credentials",
            "Assign",
            "Arguments",
            "Output",
            "Branches",
            "Iterator",
            "ItemProcessor",
            "ItemsPath",
            "Items",
            "ItemSelector",
            "ItemReader",
            "ItemBatcher",
            "ResultWriter",
            "MaxConcurrency",
            "MaxConcurrencyPath",
            "ToleratedFailurePercentage",
            "ToleratedFailureCount",
            "ToleratedFailurePercentagePath",
            "ToleratedFailureCountPath",
            "Label");

    private static final Set<String> RETRIER_FIELDS =
            Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy");

    private static final Set<String> CATCHER_FIELDS = Set.of("ErrorEquals", "Next", "ResultPath");

    /** The parsed definition. */
    record Parsed(String startAt, Map<String, State> states, Integer timeoutSeconds, String comment) {}

    private final Map<String, String> substitutions;
    private Set<String> stateNames = Set.of();

    private DefinitionParser(Map<String, String> substitutions) {
        this.substitutions = substitutions;
    }

    static Parsed parse(String json, Map<String, String> substitutions) {
        return new DefinitionParser(substitutions == null ? Map.of() : Map.copyOf(substitutions)).parse(json);
    }

    private static Set<String> with(String... fields) {
        Set<String> all = new HashSet<>(COMMON);
        all.addAll(List.of(fields));
        return Set.copyOf(all);
    }

    private Parsed parse(String json) {
        if (json == null) {
            throw new AslValidationException("state machine: the definition is null");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AslValidationException(
                    "state machine: the definition is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new AslValidationException("state machine: the definition must be a JSON object");
        }
        substitute(root, new ArrayList<>());

        Where top = new Where("state machine");
        for (String field : names(root)) {
            if (!TOP_LEVEL_FIELDS.contains(field)) {
                throw top.error("unsupported field '" + field + "'");
            }
        }
        checkQueryLanguage(top, root);
        optionalString(top, root, "Comment");
        String version = optionalString(top, root, "Version");
        if (version != null && !"1.0".equals(version)) {
            throw top.error("unsupported Version '" + version + "' (only 1.0 is defined)");
        }
        Integer timeoutSeconds = optionalCount(top, root, "TimeoutSeconds", 1);

        JsonNode statesNode = root.get("States");
        if (statesNode == null || !statesNode.isObject() || statesNode.isEmpty()) {
            throw top.error("field 'States' is required and must be a non-empty object");
        }
        stateNames = Set.copyOf(names(statesNode));
        String startAt = requiredString(top, root, "StartAt");
        if (!stateNames.contains(startAt)) {
            throw top.error("field 'StartAt' names state '" + startAt + "', which does not exist");
        }

        Map<String, State> states = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : statesNode.properties()) {
            states.put(entry.getKey(), state(entry.getKey(), entry.getValue()));
        }
        return new Parsed(
                startAt,
                Collections.unmodifiableMap(states),
                timeoutSeconds,
                root.path("Comment").textValue());
    }

    // ---------------------------------------------------------------- substitutions

    /** Replaces ${Name} in every string value, like SAM's DefinitionSubstitutions. */
    private void substitute(JsonNode node, List<String> location) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                JsonNode value = entry.getValue();
                location.add(entry.getKey());
                if (value.isTextual()) {
                    entry.setValue(TextNode.valueOf(substituteText(value.textValue(), location)));
                } else {
                    substitute(value, location);
                }
                location.removeLast();
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                location.add("[" + i + "]");
                JsonNode value = array.get(i);
                if (value.isTextual()) {
                    array.set(i, TextNode.valueOf(substituteText(value.textValue(), location)));
                } else {
                    substitute(value, location);
                }
                location.removeLast();
            }
        }
    }

    private String substituteText(String text, List<String> location) {
        if (!text.contains("${")) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = substitutions.get(m.group(1));
            if (value == null) {
                throw substitutionError(m.group(), location);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static AslValidationException substitutionError(String placeholder, List<String> location) {
        boolean inState = location.size() >= 2 && "States".equals(location.getFirst());
        String where = inState ? "state '" + location.get(1) + "'" : "state machine";
        List<String> field = inState ? location.subList(2, location.size()) : location;
        String fieldName = String.join(".", field).replace(".[", "[");
        return new AslValidationException(
                where + ": unresolved substitution '" + placeholder + "' in field '" + fieldName + "'");
    }

    // ---------------------------------------------------------------- states

    private State state(String name, JsonNode node) {
        Where where = new Where("state '" + name + "'");
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_STATE_NAME_LENGTH) {
            throw where.error("the state name must be 1 to " + MAX_STATE_NAME_LENGTH + " characters long");
        }
        if (!node.isObject()) {
            throw where.error("the state must be a JSON object");
        }
        String type = requiredString(where, node, "Type");
        if ("Map".equals(type) || "Parallel".equals(type)) {
            throw where.error(
                    "unsupported state type '" + type + "' (Map and Parallel are not implemented by asl-runner)");
        }
        Set<String> allowed = FIELDS.get(type);
        if (allowed == null) {
            throw where.error("unknown state type '" + type + "'");
        }
        for (String field : names(node)) {
            if (!allowed.contains(field)) {
                String why = NOT_IMPLEMENTED.contains(field)
                        ? " (valid ASL, not implemented by asl-runner)"
                        : " (not allowed on a " + type + " state)";
                throw where.error("unsupported field '" + field + "'" + why);
            }
        }
        checkQueryLanguage(where, node);
        optionalString(where, node, "Comment");
        return switch (type) {
            case "Task" -> task(name, where, node);
            case "Pass" ->
                new States.Pass(
                        name,
                        selectPath(where, node, "InputPath"),
                        template(where, node, "Parameters"),
                        node.get("Result"),
                        resultPath(where, node, "ResultPath"),
                        selectPath(where, node, "OutputPath"),
                        transition(where, node));
            case "Choice" -> choice(name, where, node);
            case "Wait" -> wait(name, where, node);
            case "Succeed" ->
                new States.Succeed(name, selectPath(where, node, "InputPath"), selectPath(where, node, "OutputPath"));
            case "Fail" -> fail(name, where, node);
            default -> throw new IllegalStateException(type);
        };
    }

    private State task(String name, Where where, JsonNode node) {
        String resource = requiredString(where, node, "Resource");
        if (resource.isBlank()) {
            throw where.error("field 'Resource' must not be empty");
        }
        List<Retrier> retriers = new ArrayList<>();
        List<Catcher> catchers = new ArrayList<>();
        JsonNode retry = node.get("Retry");
        if (retry != null) {
            List<JsonNode> items = objectArray(where, retry, "Retry");
            for (int i = 0; i < items.size(); i++) {
                retriers.add(retrier(where.at("Retry[" + i + "]"), items.get(i), i == items.size() - 1));
            }
        }
        JsonNode catchNode = node.get("Catch");
        if (catchNode != null) {
            List<JsonNode> items = objectArray(where, catchNode, "Catch");
            for (int i = 0; i < items.size(); i++) {
                catchers.add(catcher(where.at("Catch[" + i + "]"), items.get(i), i == items.size() - 1));
            }
        }
        boolean callback = resource.endsWith(WAIT_FOR_TASK_TOKEN);
        checkResource(where, resource, callback);
        Integer timeoutSeconds = optionalCount(where, node, "TimeoutSeconds", 1);
        JsonPathExpr timeoutSecondsPath = optionalReferencePath(where, node, "TimeoutSecondsPath");
        Integer heartbeatSeconds = optionalCount(where, node, "HeartbeatSeconds", 1);
        JsonPathExpr heartbeatSecondsPath = optionalReferencePath(where, node, "HeartbeatSecondsPath");
        if (timeoutSeconds != null && timeoutSecondsPath != null) {
            throw where.error("fields 'TimeoutSeconds' and 'TimeoutSecondsPath' are mutually exclusive");
        }
        if (heartbeatSeconds != null && heartbeatSecondsPath != null) {
            throw where.error("fields 'HeartbeatSeconds' and 'HeartbeatSecondsPath' are mutually exclusive");
        }
        if ((heartbeatSeconds != null || heartbeatSecondsPath != null) && !callback) {
            String field = heartbeatSeconds != null ? "HeartbeatSeconds" : "HeartbeatSecondsPath";
            throw where.error("unsupported field '" + field + "' (only on a callback Task, whose Resource ends with '"
                    + WAIT_FOR_TASK_TOKEN + "'; this runner has no activities or .sync integrations)");
        }
        if (heartbeatSeconds != null && timeoutSeconds != null && heartbeatSeconds >= timeoutSeconds) {
            throw where.error("field 'HeartbeatSeconds' (" + heartbeatSeconds
                    + ") must be smaller than 'TimeoutSeconds' (" + timeoutSeconds + ")");
        }
        return new States.Task(
                name,
                resource,
                callback,
                selectPath(where, node, "InputPath"),
                template(where, node, "Parameters"),
                template(where, node, "ResultSelector"),
                resultPath(where, node, "ResultPath"),
                selectPath(where, node, "OutputPath"),
                timeoutSeconds,
                timeoutSecondsPath,
                heartbeatSeconds,
                heartbeatSecondsPath,
                List.copyOf(retriers),
                List.copyOf(catchers),
                transition(where, node));
    }

    /**
     * Refuses integration patterns this runner does not run: {@code .sync} (Run a Job) and a {@code .waitForTaskToken}
     * suffix on anything but a service integration ({@code arn:aws:states:::service:api.waitForTaskToken}), which Step
     * Functions refuses too (a Lambda function ARN or an activity cannot wait for a callback).
     */
    private static void checkResource(Where where, String resource, boolean callback) {
        if (resource.endsWith(".sync") || resource.contains(".sync:")) {
            throw where.error("unsupported Resource '" + resource
                    + "': the Run a Job (.sync) pattern is not supported; only request-response and "
                    + WAIT_FOR_TASK_TOKEN);
        }
        if (callback) {
            String integration = resource.substring(0, resource.length() - WAIT_FOR_TASK_TOKEN.length());
            if (!integration.matches("arn:aws[a-z-]*:states:::[A-Za-z0-9-]+:[A-Za-z0-9]+")) {
                throw where.error("unsupported Resource '" + resource
                        + "': '" + WAIT_FOR_TASK_TOKEN + "' is only valid on a service integration such as"
                        + " arn:aws:states:::lambda:invoke" + WAIT_FOR_TASK_TOKEN);
            }
        }
    }

    private static JsonPathExpr optionalReferencePath(Where where, JsonNode node, String field) {
        String text = optionalString(where, node, field);
        return text == null ? null : compilePath(where, field, text, JsonPathExpr::reference);
    }

    private Retrier retrier(Where where, JsonNode node, boolean last) {
        for (String field : names(node)) {
            if (!RETRIER_FIELDS.contains(field)) {
                throw where.error("unsupported field '" + field + "'");
            }
        }
        List<String> errors = errorEquals(where, node, last);
        Integer interval = optionalCount(where, node, "IntervalSeconds", 1);
        Integer maxAttempts = optionalCount(where, node, "MaxAttempts", 0);
        Integer maxDelay = optionalCount(where, node, "MaxDelaySeconds", 1);
        double backoffRate = 2.0;
        JsonNode rate = node.get("BackoffRate");
        if (rate != null) {
            if (!rate.isNumber() || rate.doubleValue() < 1.0) {
                throw where.error("field 'BackoffRate' must be a number greater than or equal to 1.0");
            }
            backoffRate = rate.doubleValue();
        }
        boolean fullJitter = false;
        String jitter = optionalString(where, node, "JitterStrategy");
        if (jitter != null) {
            if (!"FULL".equals(jitter) && !"NONE".equals(jitter)) {
                throw where.error("field 'JitterStrategy' must be FULL or NONE, got '" + jitter + "'");
            }
            fullJitter = "FULL".equals(jitter);
        }
        return new Retrier(
                errors,
                interval == null ? 1 : interval,
                maxAttempts == null ? 3 : maxAttempts,
                backoffRate,
                maxDelay,
                fullJitter);
    }

    private Catcher catcher(Where where, JsonNode node, boolean last) {
        for (String field : names(node)) {
            if (!CATCHER_FIELDS.contains(field)) {
                String why = NOT_IMPLEMENTED.contains(field) ? " (valid ASL, not implemented by asl-runner)" : "";
                throw where.error("unsupported field '" + field + "'" + why);
            }
        }
        List<String> errors = errorEquals(where, node, last);
        String next = nextState(where, node, "Next", true);
        return new Catcher(errors, next, resultPath(where, node, "ResultPath"));
    }

    private List<String> errorEquals(Where where, JsonNode node, boolean last) {
        JsonNode errors = node.get("ErrorEquals");
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            throw where.error("field 'ErrorEquals' is required and must be a non-empty array of strings");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode error : errors) {
            if (!error.isTextual() || error.textValue().isEmpty()) {
                throw where.error("field 'ErrorEquals' must hold only non-empty strings");
            }
            names.add(error.textValue());
        }
        if (names.contains(ErrorNames.ALL) && (names.size() > 1 || !last)) {
            throw where.error(
                    "'" + ErrorNames.ALL + "' must appear alone in 'ErrorEquals' and only in the last element");
        }
        return List.copyOf(names);
    }

    private State choice(String name, Where where, JsonNode node) {
        JsonNode choicesNode = node.get("Choices");
        if (choicesNode == null) {
            throw where.error("field 'Choices' is required");
        }
        List<JsonNode> items = objectArray(where, choicesNode, "Choices");
        List<ChoiceBranch> branches = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Where at = where.at("Choices[" + i + "]");
            JsonNode rule = items.get(i);
            String next = nextState(at, rule, "Next", true);
            branches.add(new ChoiceBranch(choiceRule(at, rule, true), next));
        }
        String defaultNext = node.has("Default") ? nextState(where, node, "Default", true) : null;
        return new States.Choice(
                name,
                selectPath(where, node, "InputPath"),
                selectPath(where, node, "OutputPath"),
                List.copyOf(branches),
                defaultNext);
    }

    private ChoiceRule choiceRule(Where where, JsonNode node, boolean topLevel) {
        if (!node.isObject()) {
            throw where.error("a Choice Rule must be a JSON object");
        }
        List<String> operators = new ArrayList<>();
        for (String field : names(node)) {
            switch (field) {
                case "Next" -> {
                    if (!topLevel) {
                        throw where.error("a nested Choice Rule must not have 'Next'");
                    }
                }
                case "Comment", "Variable" -> {}
                case "And", "Or", "Not" -> operators.add(field);
                default -> {
                    if (!ChoiceRule.Operator.NAMES.contains(field)) {
                        String why = NOT_IMPLEMENTED.contains(field) || "Condition".equals(field)
                                ? " (valid ASL, not implemented by asl-runner)"
                                : "";
                        throw where.error("unsupported field '" + field + "'" + why);
                    }
                    operators.add(field);
                }
            }
        }
        if (operators.size() != 1) {
            throw where.error(
                    "a Choice Rule must have exactly one of And, Or, Not or a comparison operator, found " + operators);
        }
        String operator = operators.getFirst();
        JsonNode value = node.get(operator);
        switch (operator) {
            case "And", "Or" -> {
                if (node.has("Variable")) {
                    throw where.error("'" + operator + "' must not be combined with 'Variable'");
                }
                List<JsonNode> items = objectArray(where, value, operator);
                List<ChoiceRule> rules = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    rules.add(choiceRule(where.at(operator + "[" + i + "]"), items.get(i), false));
                }
                return "And".equals(operator)
                        ? new ChoiceRule.And(List.copyOf(rules))
                        : new ChoiceRule.Or(List.copyOf(rules));
            }
            case "Not" -> {
                if (node.has("Variable")) {
                    throw where.error("'Not' must not be combined with 'Variable'");
                }
                return new ChoiceRule.Not(choiceRule(where.at("Not"), value, false));
            }
            default -> {
                return dataTest(where, node, operator, value);
            }
        }
    }

    private ChoiceRule dataTest(Where where, JsonNode node, String field, JsonNode value) {
        JsonNode variableNode = node.get("Variable");
        if (variableNode == null || !variableNode.isTextual()) {
            throw where.error("field 'Variable' is required with '" + field + "' and must be a Path");
        }
        JsonPathExpr variable = compilePath(where, "Variable", variableNode.textValue(), JsonPathExpr::pathWithContext);
        Map.Entry<ChoiceRule.Operator, Boolean> parsed = ChoiceRule.Operator.parse(field);
        ChoiceRule.Operator op = parsed.getKey();
        if (parsed.getValue()) {
            if (!value.isTextual()) {
                throw where.error("field '" + field + "' must be a Path");
            }
            JsonPathExpr operandPath = compilePath(where, field, value.textValue(), JsonPathExpr::pathWithContext);
            return new ChoiceRule.DataTest(variable, op, null, operandPath, null);
        }
        boolean ok = switch (op.kind) {
            case STRING -> value.isTextual();
            case NUMERIC -> value.isNumber();
            case BOOLEAN, TYPE_TEST -> value.isBoolean();
            case TIMESTAMP -> value.isTextual() && Timestamps.parse(value.textValue()) != null;
        };
        if (!ok) {
            String expected = switch (op.kind) {
                case STRING -> "a string";
                case NUMERIC -> "a number";
                case BOOLEAN, TYPE_TEST -> "a boolean";
                case TIMESTAMP -> "an RFC 3339 timestamp such as 2016-03-14T01:59:00Z";
            };
            throw where.error("field '" + field + "' must be " + expected + ", got " + value);
        }
        Pattern pattern = null;
        if (op == ChoiceRule.Operator.StringMatches) {
            try {
                pattern = ChoiceRule.wildcard(value.textValue());
            } catch (IllegalArgumentException e) {
                throw where.error("field 'StringMatches' " + e.getMessage());
            }
        }
        return new ChoiceRule.DataTest(variable, op, value, null, pattern);
    }

    private State wait(String name, Where where, JsonNode node) {
        List<String> present = names(node).stream()
                .filter(Set.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath")::contains)
                .toList();
        if (present.size() != 1) {
            throw where.error(
                    "a Wait state must have exactly one of Seconds, SecondsPath, Timestamp, TimestampPath, found "
                            + present);
        }
        Long seconds = null;
        JsonPathExpr secondsPath = null;
        Instant timestamp = null;
        JsonPathExpr timestampPath = null;
        switch (present.getFirst()) {
            case "Seconds" -> {
                Integer s = optionalCount(where, node, "Seconds", 0);
                seconds = s.longValue();
            }
            case "SecondsPath" ->
                secondsPath = compilePath(
                        where, "SecondsPath", requiredString(where, node, "SecondsPath"), JsonPathExpr::reference);
            case "Timestamp" -> {
                String text = requiredString(where, node, "Timestamp");
                timestamp = Timestamps.parse(text);
                if (timestamp == null) {
                    throw where.error(
                            "field 'Timestamp' must be an RFC 3339 timestamp such as 2016-03-14T01:59:00Z, got '" + text
                                    + "'");
                }
            }
            default ->
                timestampPath = compilePath(
                        where, "TimestampPath", requiredString(where, node, "TimestampPath"), JsonPathExpr::reference);
        }
        return new States.Wait(
                name,
                selectPath(where, node, "InputPath"),
                selectPath(where, node, "OutputPath"),
                seconds,
                secondsPath,
                timestamp,
                timestampPath,
                transition(where, node));
    }

    private State fail(String name, Where where, JsonNode node) {
        if (node.has("Error") && node.has("ErrorPath")) {
            throw where.error("a Fail state must not have both 'Error' and 'ErrorPath'");
        }
        if (node.has("Cause") && node.has("CausePath")) {
            throw where.error("a Fail state must not have both 'Cause' and 'CausePath'");
        }
        return new States.Fail(
                name,
                optionalString(where, node, "Error"),
                optionalString(where, node, "Cause"),
                stringSource(where, node, "ErrorPath"),
                stringSource(where, node, "CausePath"));
    }

    private StringSource stringSource(Where where, JsonNode node, String field) {
        String text = optionalString(where, node, field);
        if (text == null) {
            return null;
        }
        if (text.startsWith("$")) {
            return new StringSource(field, compilePath(where, field, text, JsonPathExpr::reference), null);
        }
        try {
            return new StringSource(field, null, Intrinsic.parse(text));
        } catch (IllegalArgumentException e) {
            throw where.error("field '" + field + "': " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- shared field helpers

    private String transition(Where where, JsonNode node) {
        JsonNode end = node.get("End");
        if (end != null && !end.isBoolean()) {
            throw where.error("field 'End' must be a boolean");
        }
        boolean isEnd = end != null && end.booleanValue();
        boolean hasNext = node.has("Next");
        if (isEnd && hasNext) {
            throw where.error("must not have both 'Next' and 'End': true");
        }
        if (!isEnd && !hasNext) {
            throw where.error("must have either 'Next' or 'End': true");
        }
        return isEnd ? null : nextState(where, node, "Next", true);
    }

    private String nextState(Where where, JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null) {
            if (required) {
                throw where.error("field '" + field + "' is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw where.error("field '" + field + "' must be a state name");
        }
        String target = value.textValue();
        if (!stateNames.contains(target)) {
            throw where.error("field '" + field + "' names state '" + target + "', which does not exist");
        }
        return target;
    }

    private SelectPath selectPath(Where where, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return SelectPath.ALL;
        }
        if (value.isNull()) {
            return SelectPath.EMPTY;
        }
        if (!value.isTextual()) {
            throw where.error("field '" + field + "' must be a Path or null");
        }
        return SelectPath.of(compilePath(where, field, value.textValue(), JsonPathExpr::pathWithContext));
    }

    private ResultPath resultPath(Where where, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return ResultPath.REPLACE;
        }
        if (value.isNull()) {
            return ResultPath.DISCARD;
        }
        if (!value.isTextual()) {
            throw where.error("field '" + field + "' must be a Reference Path or null");
        }
        try {
            return ResultPath.of(value.textValue());
        } catch (IllegalArgumentException e) {
            throw where.error("field '" + field + "' " + e.getMessage());
        }
    }

    private PayloadTemplate template(Where where, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        try {
            return PayloadTemplate.compile(value, field);
        } catch (IllegalArgumentException e) {
            throw where.error(e.getMessage());
        }
    }

    private static JsonPathExpr compilePath(
            Where where, String field, String text, Function<String, JsonPathExpr> compiler) {
        try {
            return compiler.apply(text);
        } catch (IllegalArgumentException e) {
            throw where.error("field '" + field + "' " + e.getMessage());
        }
    }

    private static void checkQueryLanguage(Where where, JsonNode node) {
        JsonNode language = node.get("QueryLanguage");
        if (language != null && !"JSONPath".equals(language.textValue())) {
            throw where.error("unsupported QueryLanguage " + language + " (only JSONPath is supported)");
        }
    }

    private static List<JsonNode> objectArray(Where where, JsonNode value, String field) {
        if (!value.isArray() || value.isEmpty()) {
            throw where.error("field '" + field + "' must be a non-empty array of objects");
        }
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isObject()) {
                throw where.error("field '" + field + "' must be a non-empty array of objects");
            }
            items.add(item);
        }
        return items;
    }

    private static String requiredString(Where where, JsonNode node, String field) {
        String value = optionalString(where, node, field);
        if (value == null) {
            throw where.error("field '" + field + "' is required");
        }
        return value;
    }

    private static String optionalString(Where where, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw where.error("field '" + field + "' must be a string");
        }
        return value.textValue();
    }

    /** An integer field between {@code min} and 99999999, or {@code null} when absent. */
    private static Integer optionalCount(Where where, JsonNode node, String field, int min) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        boolean inRange = value.canConvertToLong() && value.longValue() >= min && value.longValue() <= MAX_SECONDS;
        if (!value.isIntegralNumber() || !inRange) {
            throw where.error(
                    "field '" + field + "' must be an integer from " + min + " to " + MAX_SECONDS + ", got " + value);
        }
        return value.intValue();
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    /** Where an error is: "state 'Foo'" or "state 'Foo' Retry[0]". */
    private record Where(String label) {
        Where at(String sub) {
            return new Where(label + " " + sub);
        }

        AslValidationException error(String message) {
            return new AslValidationException(label + ": " + message);
        }
    }
}
