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

    /**
     * One rule: the function it targets, its pattern (resolved), its input transformer, if any, and its target's
     * {@code RetryPolicy} and {@code DeadLetterConfig} (null: none).
     */
    record Rule(
            String functionId,
            JsonNode pattern,
            Map<String, String> inputPaths,
            String inputTemplate,
            int maxRetries,
            java.time.Duration maxAge,
            String deadLetterArn) {}

    /** Invokes a rule's target function. */
    @FunctionalInterface
    public interface Target {
        void invoke(String functionId, byte[] input) throws Exception;
    }

    /** Receives what could not be delivered: the dead-letter queue's ARN and the event, as EventBridge sends it. */
    @FunctionalInterface
    public interface DeadLetters {
        void send(String queueArn, String event);
    }

    /** Waits between delivery attempts; interrupted when the runtime stops. */
    @FunctionalInterface
    public interface Backoff {
        void sleep(java.time.Duration delay) throws InterruptedException;
    }

    /** EventBridge's defaults when a target has no RetryPolicy: 185 retries within 24 hours. */
    static final int DEFAULT_RETRIES = 185;

    static final java.time.Duration DEFAULT_MAX_AGE = java.time.Duration.ofHours(24);
    /** The longest wait between attempts locally (EventBridge backs off exponentially, with jitter). */
    static final java.time.Duration MAX_BACKOFF = java.time.Duration.ofSeconds(60);

    private final Target target;
    private final DeadLetters deadLetters;
    private final Backoff backoff;
    private final java.time.Clock clock;
    private final List<Rule> rules;

    public LocalEventBridge(SamTemplate template, LocalFunctions functions, Function<JsonNode, String> resolve) {
        this(
                template,
                functions::invokeRaw,
                resolve,
                (arn, event) -> LOG.error("undeliverable event, no dead-letter queue to keep it: {}", event),
                delay -> Thread.sleep(delay),
                java.time.Clock.systemUTC());
    }

    /**
     * @param deadLetters where an event goes after its target's retries: the rule's {@code DeadLetterConfig} queue
     * @param backoff     the wait between attempts (1 s doubling up to {@link #MAX_BACKOFF})
     */
    public LocalEventBridge(
            SamTemplate template,
            Target target,
            Function<JsonNode, String> resolve,
            DeadLetters deadLetters,
            Backoff backoff,
            java.time.Clock clock) {
        this.target = target;
        this.deadLetters = deadLetters;
        this.backoff = backoff;
        this.clock = clock;
        this.rules = new ArrayList<>();
        for (SamTemplate.Function function : template.functions()) {
            for (JsonNode event : function.events().values()) {
                if (!"EventBridgeRule".equals(event.path("Type").asText())) {
                    continue;
                }
                JsonNode props = event.path("Properties");
                Map<String, String> paths = new LinkedHashMap<>();
                props.path("InputTransformer")
                        .path("InputPathsMap")
                        .properties()
                        .forEach(e -> paths.put(e.getKey(), e.getValue().asText()));
                String inputTemplate =
                        props.path("InputTransformer").path("InputTemplate").asText(null);
                JsonNode retry = props.path("RetryPolicy");
                int retries = retry.path("MaximumRetryAttempts").isMissingNode()
                        ? DEFAULT_RETRIES
                        : retry.path("MaximumRetryAttempts").asInt();
                java.time.Duration maxAge =
                        retry.path("MaximumEventAgeInSeconds").isMissingNode()
                                ? DEFAULT_MAX_AGE
                                : java.time.Duration.ofSeconds(
                                        retry.path("MaximumEventAgeInSeconds").asLong());
                JsonNode dlq = props.path("DeadLetterConfig").path("Arn");
                String deadLetterArn = dlq.isMissingNode() ? null : resolve.apply(dlq);
                rules.add(new Rule(
                        function.logicalId(),
                        resolvePattern(props.path("Pattern"), resolve),
                        paths,
                        inputTemplate,
                        retries,
                        maxAge,
                        deadLetterArn));
            }
        }
    }

    /** Delivers an event to every matching rule's function; returns how many rules matched. */
    public int publish(JsonNode event) {
        int matched = 0;
        for (Rule rule : rules) {
            if (matches(rule.pattern(), event)) {
                matched++;
                deliver(rule, event);
            }
        }
        return matched;
    }

    /**
     * Delivers to the rule's target as EventBridge does: a failed attempt is retried with exponential backoff until
     * the target's RetryPolicy (attempts or event age) is spent; then the event goes to its dead-letter queue. So an
     * outcome that could not be written (the data folder read-only for a while) is written once writes work again.
     */
    void deliver(Rule rule, JsonNode event) {
        byte[] input = (rule.inputTemplate() == null ? Json.write(event) : transform(rule, event))
                .getBytes(StandardCharsets.UTF_8);
        java.time.Instant first = clock.instant();
        java.time.Duration delay = java.time.Duration.ofSeconds(1);
        for (int attempt = 0; ; attempt++) {
            try {
                target.invoke(rule.functionId(), input);
                if (attempt > 0) {
                    LOG.info("rule target {} took the event on attempt {}", rule.functionId(), attempt + 1);
                }
                return;
            } catch (Exception e) {
                boolean spent = attempt >= rule.maxRetries()
                        || java.time.Duration.between(first, clock.instant())
                                        .plus(delay)
                                        .compareTo(rule.maxAge())
                                > 0;
                if (spent) {
                    LOG.error(
                            "rule target {} failed {} times ({}); the event goes to {}",
                            rule.functionId(),
                            attempt + 1,
                            e.getMessage(),
                            rule.deadLetterArn() == null ? "nowhere (no DeadLetterConfig)" : rule.deadLetterArn());
                    deadLetters.send(rule.deadLetterArn(), Json.write(event));
                    return;
                }
                LOG.warn("rule target {} failed ({}); retrying in {}", rule.functionId(), e.getMessage(), delay);
            }
            try {
                backoff.sleep(delay);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
                LOG.warn(
                        "stopping: the event for {} is not delivered (the next start recovers its request)",
                        rule.functionId());
                return;
            }
            delay = delay.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay.multipliedBy(2);
        }
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
            boolean intrinsic =
                    pattern.size() == 1 && pattern.fieldNames().next().matches("Ref|Fn::.*");
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
