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
    public record Function(String logicalId, String handler, Map<String, JsonNode> environment, Duration timeout,
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
            Map<String, JsonNode> events = new LinkedHashMap<>();
            props.path("Events").properties().forEach(e -> events.put(e.getKey(), e.getValue()));
            String handler = props.path("Handler").asText(globals.path("Handler").asText(null));
            if (handler == null) {
                throw new IllegalStateException(file + ": function " + entry.getKey() + " has no Handler");
            }
            functions.add(new Function(entry.getKey(), handler, env, Duration.ofSeconds(timeout), events));
        });
        return functions;
    }

    public Function function(String logicalId) {
        return functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("template.yaml has no function " + logicalId
                        + "; functions: " + functions().stream().map(Function::logicalId).toList()));
    }

    public StateMachine stateMachine() {
        List<StateMachine> machines = new ArrayList<>();
        root.path("Resources").properties().forEach(entry -> {
            JsonNode resource = entry.getValue();
            if ("AWS::Serverless::StateMachine".equals(resource.path("Type").asText())) {
                JsonNode props = resource.path("Properties");
                Map<String, JsonNode> subs = new LinkedHashMap<>();
                props.path("DefinitionSubstitutions").properties().forEach(e -> subs.put(e.getKey(), e.getValue()));
                machines.add(new StateMachine(entry.getKey(), directory().resolve(props.path("DefinitionUri").asText()), subs));
            }
        });
        if (machines.size() != 1) {
            throw new IllegalStateException(file + " declares " + machines.size() + " state machines; the local runtime runs exactly one");
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
        var m = java.util.regex.Pattern.compile("rate\\((\\d+)\\s+(minute|minutes|hour|hours|day|days)\\)").matcher(expression.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
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
     * Resolves an intrinsic the way CloudFormation would, locally: {@code Ref} to a resource (its local physical
     * name or URL, from {@code resources}) or a parameter; {@code Fn::GetAtt X.Arn} to a local ARN; {@code Fn::Sub}
     * with {@code ${Name}} references; {@code Fn::Join}. Anything else is refused with its name.
     */
    public String resolve(JsonNode value, Map<String, String> resources, Map<String, String> parameters) {
        if (value.isTextual() || value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        if (value.has("Ref")) {
            String name = value.get("Ref").asText();
            if (resources.containsKey(name)) {
                return resources.get(name);
            }
            if (parameters.containsKey(name)) {
                return parameters.get(name);
            }
            String type = root.path("Resources").path(name).path("Type").asText("");
            if (!type.isEmpty()) {
                // What !Ref gives for resources the emulators do not hold: a state machine's ARN, others' names.
                return type.equals("AWS::Serverless::StateMachine") ? arn(name) : name;
            }
            return switch (name) {
                case "AWS::Region" -> "us-east-1";
                case "AWS::AccountId" -> ACCOUNT;
                case "AWS::Partition" -> "aws";
                case "AWS::StackName" -> "aiblog-local";
                default -> throw new IllegalStateException(file + ": !Ref " + name + " names nothing the local runtime knows");
            };
        }
        if (value.has("Fn::GetAtt")) {
            JsonNode args = value.get("Fn::GetAtt");
            String target = args.isArray() ? args.get(0).asText() : args.asText().split("\\.")[0];
            String attribute = args.isArray() ? args.get(1).asText() : args.asText().split("\\.", 2)[1];
            if ("Arn".equals(attribute)) {
                return arn(target);
            }
            throw new IllegalStateException(file + ": !GetAtt " + target + "." + attribute + " is not supported locally");
        }
        if (value.has("Fn::Sub")) {
            String template = value.get("Fn::Sub").isArray() ? value.get("Fn::Sub").get(0).asText() : value.get("Fn::Sub").asText();
            var m = java.util.regex.Pattern.compile("\\$\\{([^}]+)}").matcher(template);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String ref = m.group(1);
                String replacement = ref.contains(".")
                        ? resolve(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("Fn::GetAtt", ref), resources, parameters)
                        : resolve(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("Ref", ref), resources, parameters);
                m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
            }
            m.appendTail(out);
            return out.toString();
        }
        if (value.has("Fn::Join")) {
            JsonNode args = value.get("Fn::Join");
            List<String> parts = new ArrayList<>();
            if (args.get(1).isArray()) {
                args.get(1).forEach(p -> parts.add(resolve(p, resources, parameters)));
            } else {
                // a !Ref to a CommaDelimitedList parameter: its value is the list, held here comma-joined
                parts.addAll(List.of(resolve(args.get(1), resources, parameters).split(",")));
            }
            return String.join(args.get(0).asText(), parts);
        }
        throw new IllegalStateException(file + ": cannot resolve " + value + " locally");
    }

    /** The local ARN of a resource: functions get Lambda ARNs, the state machine a Step Functions ARN. */
    public String arn(String logicalId) {
        String type = root.path("Resources").path(logicalId).path("Type").asText();
        return switch (type) {
            case "AWS::Serverless::Function" -> "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + logicalId;
            case "AWS::Serverless::StateMachine" -> "arn:aws:states:us-east-1:" + ACCOUNT + ":stateMachine:" + logicalId;
            case "AWS::SQS::Queue" -> "arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + logicalId;
            case "" -> throw new IllegalStateException(file + ": !GetAtt names " + logicalId + ", which is not a resource");
            default -> "arn:aws:local:us-east-1:" + ACCOUNT + ":" + logicalId;
        };
    }
}
