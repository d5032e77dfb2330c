package dev.aiblog.local.sam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.local.emulators.CloudFormationYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of {@code template.yaml} the local runtime runs: every {@code AWS::Serverless::Function} (handler,
 * environment, timeout, events) and the {@code AWS::Serverless::StateMachine} (definition file and
 * substitutions). Intrinsics are resolved against the provisioned emulator resources and the template's
 * Parameters, so the functions see locally what they would see deployed.
 */
public final class SamTemplate {
    /** The account id local ARNs use. */
    public static final String ACCOUNT = "000000000000";
    /** The region of the local stack. */
    public static final String REGION = "us-east-1";
    /** What {@code AWS::StackName} is locally. */
    public static final String STACK_NAME = "aiblog-local";

    private final Path file;
    private final JsonNode root;

    private SamTemplate(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    public static SamTemplate load(Path file) {
        try {
            return new SamTemplate(file, CloudFormationYaml.read(Files.readString(file), file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    public Path directory() {
        return file.toAbsolutePath().getParent();
    }

    /** One function as the template declares it. */
    public record Function(
            String logicalId,
            String handler,
            Map<String, JsonNode> environment,
            Duration timeout,
            int memoryMb,
            Map<String, JsonNode> events) {
        public String handlerClass() {
            int sep = handler.indexOf("::");
            return sep < 0 ? handler : handler.substring(0, sep);
        }
    }

    /** The state machine: its definition file and DefinitionSubstitutions (unresolved). */
    public record StateMachine(String logicalId, Path definition, Map<String, JsonNode> substitutions) {}

    public List<Function> functions() {
        JsonNode globals = root.path("Globals").path("Function");
        List<Function> functions = new ArrayList<>();
        root.path("Resources").properties().forEach(entry -> {
            JsonNode resource = entry.getValue();
            if (!"AWS::Serverless::Function".equals(resource.path("Type").asText())) {
                return;
            }
            JsonNode props = resource.path("Properties");
            Map<String, JsonNode> env = new LinkedHashMap<>();
            globals.path("Environment").path("Variables").properties().forEach(e -> env.put(e.getKey(), e.getValue()));
            props.path("Environment").path("Variables").properties().forEach(e -> env.put(e.getKey(), e.getValue()));
            long timeout = props.path("Timeout").asLong(globals.path("Timeout").asLong(3));
            int memory =
                    props.path("MemorySize").asInt(globals.path("MemorySize").asInt(128));
            Map<String, JsonNode> events = new LinkedHashMap<>();
            props.path("Events").properties().forEach(e -> events.put(e.getKey(), e.getValue()));
            String handler =
                    props.path("Handler").asText(globals.path("Handler").asText(null));
            if (handler == null) {
                throw new IllegalStateException(file + ": function " + entry.getKey() + " has no Handler");
            }
            functions.add(new Function(entry.getKey(), handler, env, Duration.ofSeconds(timeout), memory, events));
        });
        return functions;
    }

    /**
     * The alias SAM publishes for a function ({@code AutoPublishAlias}, its own or from {@code Globals}), if any:
     * then {@code !Ref Function.Alias} is {@link #aliasArn} and events invoke that qualified ARN.
     */
    public Optional<String> alias(String logicalId) {
        JsonNode resource = root.path("Resources").path(logicalId);
        if (!"AWS::Serverless::Function".equals(resource.path("Type").asText())) {
            return Optional.empty();
        }
        JsonNode own = resource.path("Properties").path("AutoPublishAlias");
        JsonNode alias =
                own.isMissingNode() ? root.path("Globals").path("Function").path("AutoPublishAlias") : own;
        return alias.isTextual() && !alias.asText().isEmpty() ? Optional.of(alias.asText()) : Optional.empty();
    }

    /** A function's alias ARN, {@code arn:aws:lambda:…:function:Name:alias}. */
    public String aliasArn(String logicalId) {
        return arn(logicalId) + ":"
                + alias(logicalId)
                        .orElseThrow(() -> new IllegalStateException(file + ": " + logicalId
                                + " has no AutoPublishAlias, so " + logicalId + ".Alias names nothing"));
    }

    public Function function(String logicalId) {
        return functions().stream()
                .filter(f -> f.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException("template.yaml has no function " + logicalId + "; functions: "
                                + functions().stream().map(Function::logicalId).toList()));
    }

    public StateMachine stateMachine() {
        List<StateMachine> machines = new ArrayList<>();
        root.path("Resources").properties().forEach(entry -> {
            JsonNode resource = entry.getValue();
            if ("AWS::Serverless::StateMachine".equals(resource.path("Type").asText())) {
                JsonNode props = resource.path("Properties");
                Map<String, JsonNode> subs = new LinkedHashMap<>();
                props.path("DefinitionSubstitutions").properties().forEach(e -> subs.put(e.getKey(), e.getValue()));
                machines.add(new StateMachine(
                        entry.getKey(),
                        directory().resolve(props.path("DefinitionUri").asText()),
                        subs));
            }
        });
        if (machines.size() != 1) {
            throw new IllegalStateException(
                    file + " declares " + machines.size() + " state machines; the local runtime runs exactly one");
        }
        return machines.getFirst();
    }

    /** Parameter defaults, with {@code overrides} (like {@code sam deploy --parameter-overrides}) on top. */
    public Map<String, String> parameters(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        root.path("Parameters").properties().forEach(e -> {
            JsonNode def = e.getValue().path("Default");
            if (!def.isMissingNode()) {
                values.put(e.getKey(), def.isArray() ? joinList(def) : def.asText());
            }
        });
        values.putAll(overrides);
        return values;
    }

    /** The rate of a {@code ScheduleV2}/{@code Schedule} event: {@code rate(6 hours)} → 6 h. */
    public static Optional<Duration> rate(String expression) {
        var m = java.util.regex.Pattern.compile("rate\\((\\d+)\\s+(minute|minutes|hour|hours|day|days)\\)")
                .matcher(expression.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(
                switch (m.group(2)) {
                    case "minute", "minutes" -> Duration.ofMinutes(n);
                    case "hour", "hours" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
    }

    private static String joinList(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(v -> parts.add(v.asText()));
        return String.join(",", parts);
    }

    /**
     * The template's intrinsics bound to the local stack's resources and the parameters' values.
     *
     * @param refs logical id → what {@code !Ref} gives for the resources the local stack holds
     * @param attributes {@code LogicalId.Attribute} → value for {@code !GetAtt} (ARNs of tables, queue names, ...)
     * @param parameterOverrides like {@code sam deploy --parameter-overrides}
     */
    public TemplateValues values(
            Map<String, String> refs, Map<String, String> attributes, Map<String, String> parameterOverrides) {
        return new TemplateValues(this, refs, attributes, parameters(parameterOverrides));
    }

    /** Resolves one value that must be a single string; see {@link TemplateValues}. */
    public String resolve(JsonNode value, Map<String, String> resources, Map<String, String> parameters) {
        return new TemplateValues(this, resources, Map.of(), parameters).text(value);
    }

    /** The whole template, as read. */
    public JsonNode root() {
        return root;
    }

    /** A resource's {@code Properties} as written. */
    public JsonNode properties(String logicalId) {
        JsonNode resource = root.path("Resources").path(logicalId);
        if (resource.isMissingNode()) {
            throw new IllegalArgumentException("template.yaml has no resource " + logicalId);
        }
        return resource.path("Properties");
    }

    /** {@code Globals.Function} as written (missing when there is none). */
    public JsonNode globalFunction() {
        return root.path("Globals").path("Function");
    }

    /** Logical id → properties of every resource of {@code type}. */
    public Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        root.path("Resources").properties().forEach(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                found.put(e.getKey(), e.getValue().path("Properties"));
            }
        });
        return found;
    }

    /** The local ARN of a resource: functions get Lambda ARNs, the state machine a Step Functions ARN. */
    public String arn(String logicalId) {
        String type = root.path("Resources").path(logicalId).path("Type").asText();
        return switch (type) {
            case "AWS::Serverless::Function" -> "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + logicalId;
            case "AWS::Serverless::StateMachine" ->
                "arn:aws:states:us-east-1:" + ACCOUNT + ":stateMachine:" + logicalId;
            case "AWS::SQS::Queue" -> "arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + logicalId;
            case "" ->
                throw new IllegalStateException(file + ": !GetAtt names " + logicalId + ", which is not a resource");
            default -> "arn:aws:local:us-east-1:" + ACCOUNT + ":" + logicalId;
        };
    }
}
