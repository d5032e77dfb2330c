package dev.aiblog.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.aiblog.core.Json;
import dev.aiblog.local.lambda.LocalFunctions;
import dev.aiblog.local.sam.SamTemplate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The template's {@code EventBridgeRule} function events, locally: an event is matched against each rule's
 * pattern (exact values, nested objects) and delivered to its function through the rule's
 * {@code InputTransformer}, as EventBridge does. The local Step Functions publishes its
 * "Execution Status Change" events here.
 *
 * @see <a href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html">Input transformation</a>
 */
public final class LocalEventBridge {
    private static final Logger LOG = LoggerFactory.getLogger(LocalEventBridge.class);
    private static final Configuration PATHS = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.mapper()))
            .mappingProvider(new JacksonMappingProvider(Json.mapper()))
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();

    /** One rule: the function it targets, its pattern (resolved), and its input transformer, if any. */
    record Rule(String functionId, JsonNode pattern, Map<String, String> inputPaths, String inputTemplate) {}

    private final LocalFunctions functions;
    private final List<Rule> rules;

    public LocalEventBridge(SamTemplate template, LocalFunctions functions, Function<JsonNode, String> resolve) {
        this.functions = functions;
        this.rules = new ArrayList<>();
        for (SamTemplate.Function function : template.functions()) {
            for (JsonNode event : function.events().values()) {
                if (!"EventBridgeRule".equals(event.path("Type").asText())) {
                    continue;
                }
                JsonNode props = event.path("Properties");
                Map<String, String> paths = new LinkedHashMap<>();
                props.path("InputTransformer").path("InputPathsMap").properties().forEach(e -> paths.put(e.getKey(), e.getValue().asText()));
                String inputTemplate = props.path("InputTransformer").path("InputTemplate").asText(null);
                rules.add(new Rule(function.logicalId(), resolvePattern(props.path("Pattern"), resolve), paths, inputTemplate));
            }
        }
    }

    /** Delivers an event to every matching rule's function; returns how many rules matched. */
    public int publish(JsonNode event) {
        int matched = 0;
        for (Rule rule : rules) {
            if (matches(rule.pattern(), event)) {
                matched++;
                String input = rule.inputTemplate() == null ? Json.write(event) : transform(rule, event);
                try {
                    functions.invokeRaw(rule.functionId(), input.getBytes(StandardCharsets.UTF_8));
                } catch (Exception e) {
                    LOG.warn("rule target {} failed: {}", rule.functionId(), e.getMessage());
                }
            }
        }
        return matched;
    }

    /** Every pattern field must be present; a list matches when the event's value is one of its values. */
    static boolean matches(JsonNode pattern, JsonNode event) {
        for (var entry : pattern.properties()) {
            JsonNode expected = entry.getValue();
            JsonNode actual = event.path(entry.getKey());
            if (expected.isObject()) {
                if (!actual.isObject() || !matches(expected, actual)) {
                    return false;
                }
            } else if (expected.isArray()) {
                boolean any = false;
                for (JsonNode option : expected) {
                    any |= option.equals(actual);
                }
                if (!any) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Placeholders inside a JSON string are replaced by the raw text; elsewhere by the value as JSON. */
    static String transform(Rule rule, JsonNode event) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        rule.inputPaths().forEach((name, path) -> {
            JsonNode value = JsonPath.using(PATHS).parse(event).read(path);
            values.put(name, value == null ? Json.mapper().nullNode() : value);
        });
        String template = rule.inputTemplate();
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '"' && (i == 0 || template.charAt(i - 1) != '\\')) {
                inString = !inString;
            }
            if (c == '<') {
                int end = template.indexOf('>', i);
                String name = end < 0 ? null : template.substring(i + 1, end);
                if (name != null && values.containsKey(name)) {
                    JsonNode value = values.get(name);
                    if (inString) {
                        String raw = value.isTextual() ? value.asText() : Json.write(value);
                        String quoted = Json.write(raw);
                        out.append(quoted, 1, quoted.length() - 1);
                    } else {
                        out.append(Json.write(value));
                    }
                    i = end;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    private static JsonNode resolvePattern(JsonNode pattern, Function<JsonNode, String> resolve) {
        if (pattern.isObject()) {
            boolean intrinsic = pattern.size() == 1 && pattern.fieldNames().next().matches("Ref|Fn::.*");
            if (intrinsic) {
                return Json.mapper().getNodeFactory().textNode(resolve.apply(pattern));
            }
            ObjectNode out = Json.mapper().createObjectNode();
            pattern.properties().forEach(e -> out.set(e.getKey(), resolvePattern(e.getValue(), resolve)));
            return out;
        }
        if (pattern.isArray()) {
            var out = Json.mapper().createArrayNode();
            pattern.forEach(v -> out.add(resolvePattern(v, resolve)));
            return out;
        }
        return pattern;
    }
}
