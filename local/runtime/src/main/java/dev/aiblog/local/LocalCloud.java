package dev.aiblog.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.asl.ExecutionResult;
import dev.aiblog.asl.HistoryListener;
import dev.aiblog.asl.StateMachineDefinition;
import dev.aiblog.asl.StateMachineRunner;
import dev.aiblog.core.config.Settings;
import dev.aiblog.core.store.BlogStore;
import dev.aiblog.core.store.ContentStore;
import dev.aiblog.core.store.RequestStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiblog.asl.HistoryEvent;
import dev.aiblog.core.Json;
import dev.aiblog.local.api.LocalAuthorizer;
import dev.aiblog.local.emulators.Emulators;
import dev.aiblog.local.events.LocalEventBridge;
import dev.aiblog.local.emulators.LocalAwsClients;
import dev.aiblog.local.emulators.ProvisionedResources;
import dev.aiblog.local.emulators.TemplateResources;
import dev.aiblog.local.lambda.LocalFunctions;
import dev.aiblog.local.sam.SamTemplate;
import dev.aiblog.local.sfn.LocalStepFunctions;
import dev.aiblog.local.sfn.StepFunctionsEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The deployed stack on one machine: embedded emulators with the tables, queues and bucket of
 * {@code template.yaml}, the template's functions run in this JVM with the environment the template gives them,
 * and the template's state machine definition executed by the ASL runner against those functions.
 */
public final class LocalCloud implements AutoCloseable {
    /**
     * How to start.
     *
     * @param repository the folder holding template.yaml
     * @param dataDirectory where data persists; empty for in-memory
     * @param environment what the functions get on top of the template (OPENAI_API_KEY, OPENAI_BASE_URL, ...)
     * @param parameters template parameter overrides
     * @param timeScale scales ASL waits and retry intervals (1 = real time, 0 = no waiting)
     */
    public record Options(Path repository, Optional<Path> dataDirectory, Map<String, String> environment,
                          Map<String, String> parameters, double timeScale, HistoryListener listener) {
        public Options {
            environment = Map.copyOf(environment);
            parameters = Map.copyOf(parameters);
        }

        public static Options inMemory(Path repository) {
            return new Options(repository, Optional.empty(), Map.of(), Map.of(), 0, (name, event) -> {});
        }

        public Options withEnvironment(Map<String, String> env) {
            return new Options(repository, dataDirectory, env, parameters, timeScale, listener);
        }

        public Options withTimeScale(double scale) {
            return new Options(repository, dataDirectory, environment, parameters, scale, listener);
        }

        public Options withListener(HistoryListener l) {
            return new Options(repository, dataDirectory, environment, parameters, timeScale, l);
        }

        public Options persistentAt(Path dir) {
            return new Options(repository, Optional.of(dir), environment, parameters, timeScale, listener);
        }
    }

    private final Options options;
    private final SamTemplate template;
    private final Emulators emulators;
    private final LocalAwsClients clients;
    private final ProvisionedResources resources;
    private final LocalFunctions functions;
    private final LocalStepFunctions stepFunctions;
    private final StepFunctionsEndpoint stepFunctionsEndpoint;
    private final String stateMachineArn;
    private final RequestStore requests;
    private final BlogStore blogs;
    private final ContentStore content;
    private final LocalAuthorizer authorizer = LocalAuthorizer.create();

    private LocalCloud(Options options) {
        this.options = options;
        Path templateFile = options.repository().resolve("template.yaml");
        this.template = SamTemplate.load(templateFile);
        this.emulators = options.dataDirectory().map(Emulators::persistentAt).orElseGet(Emulators::inMemory);
        try {
            this.clients = LocalAwsClients.of(emulators);
            this.resources = TemplateResources.load(templateFile).provision(clients);
            Map<String, String> parameters = template.parameters(options.parameters());
            SamTemplate.StateMachine machine = template.stateMachine();
            this.stateMachineArn = template.arn(machine.logicalId());
            Map<String, String> substitutions = new LinkedHashMap<>();
            machine.substitutions().forEach((name, value) ->
                    substitutions.put(name, template.resolve(value, resources.environment(), parameters)));
            StateMachineDefinition definition = StateMachineDefinition.parse(Files.readString(machine.definition()), substitutions);
            LocalFunctions[] holder = new LocalFunctions[1];
            LocalEventBridge[] bus = new LocalEventBridge[1];
            HistoryListener observer = (name, event) -> {
                options.listener().onEvent(name, event);
                statusChange(event).ifPresent(status -> Thread.ofVirtual().start(() ->
                        bus[0].publish(statusChangeEvent(name, status, event))));
            };
            this.stepFunctions = new LocalStepFunctions(stateMachineArn, listener -> StateMachineRunner.builder()
                    .definition(definition)
                    .taskHandler((resource, input) -> holder[0].invoke(resource, input))
                    .timeScale(options.timeScale())
                    .listener(listener)
                    .stateMachineArn(stateMachineArn)
                    .build(), observer);
            this.stepFunctionsEndpoint = new StepFunctionsEndpoint(stepFunctions, 0);
            Map<String, String> endpoints = new HashMap<>(emulators.awsEnvironment());
            endpoints.put("AWS_ENDPOINT_URL_SFN", stepFunctionsEndpoint.endpoint().toString());
            Map<String, Map<String, String>> environments = new LinkedHashMap<>();
            for (SamTemplate.Function function : template.functions()) {
                Map<String, String> env = new HashMap<>();
                function.environment().forEach((name, value) ->
                        env.put(name, template.resolve(value, resources.environment(), parameters)));
                // Locally there is no Secrets Manager: the key comes from the environment, or the offline provider runs.
                env.remove("OPENAI_API_KEY_SECRET_ID");
                // Locally there is no user pool: a function that checks tokens itself checks the local API's.
                if (env.containsKey("JWT_ISSUER")) {
                    env.putAll(authorizer.environment());
                }
                env.putAll(endpoints);
                env.putAll(options.environment());
                environments.put(function.logicalId(), env);
            }
            // The stores the runtime and tests read through, on the emulator clients it already has.
            Settings storeSettings = Settings.of(environments.values().iterator().next());
            this.requests = new RequestStore(clients.dynamoDb(), storeSettings.requestsTable(), Clock.systemUTC());
            this.blogs = new BlogStore(clients.dynamoDb(), storeSettings.blogsTable());
            this.content = new ContentStore(clients.s3(), storeSettings.contentBucket());
            this.functions = new LocalFunctions(template, environments);
            holder[0] = functions;
            bus[0] = new LocalEventBridge(template, functions, value -> template.resolve(value, resources.environment(), parameters));
        } catch (IOException e) {
            emulators.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            emulators.close();
            throw e;
        }
    }

    /** The execution status a history event ends in, for the "Execution Status Change" event EventBridge gets. */
    private static Optional<String> statusChange(HistoryEvent event) {
        return Optional.ofNullable(switch (event.type()) {
            case ExecutionSucceeded -> "SUCCEEDED";
            case ExecutionFailed -> "FAILED";
            case ExecutionTimedOut -> "TIMED_OUT";
            case ExecutionAborted -> "ABORTED";
            default -> null;
        });
    }

    private JsonNode statusChangeEvent(String name, String status, HistoryEvent event) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("version", "0");
        out.put("id", java.util.UUID.randomUUID().toString());
        out.put("detail-type", "Step Functions Execution Status Change");
        out.put("source", "aws.states");
        out.put("account", SamTemplate.ACCOUNT);
        out.put("time", event.timestamp().toString());
        out.put("region", "us-east-1");
        out.putArray("resources").add(stepFunctions.executionArn(name));
        ObjectNode detail = out.putObject("detail");
        detail.put("executionArn", stepFunctions.executionArn(name));
        detail.put("stateMachineArn", stateMachineArn);
        detail.put("name", name);
        detail.put("status", status);
        detail.put("error", event.details().path("error").asText(null));
        detail.put("cause", event.details().path("cause").asText(null));
        return out;
    }

    public static LocalCloud start(Options options) {
        return new LocalCloud(options);
    }

    public Options options() {
        return options;
    }

    public SamTemplate template() {
        return template;
    }

    public Emulators emulators() {
        return emulators;
    }

    public LocalAwsClients clients() {
        return clients;
    }

    public ProvisionedResources resources() {
        return resources;
    }

    public LocalFunctions functions() {
        return functions;
    }

    public String stateMachineArn() {
        return stateMachineArn;
    }

    /** Runs one execution of the pipeline to its end, as Step Functions would, and returns the result with its history. */
    public ExecutionResult runPipeline(String executionName, JsonNode input) {
        return stepFunctions.run(executionName, input);
    }

    /** The queue the template's SQS event source reads. */
    public String queueLogicalId() {
        return dev.aiblog.local.queue.QueuePoller.mapping(template).queueLogicalId();
    }

    public LocalStepFunctions stepFunctions() {
        return stepFunctions;
    }

    public StepFunctionsEndpoint stepFunctionsEndpoint() {
        return stepFunctionsEndpoint;
    }

    public RequestStore requests() {
        return requests;
    }

    public BlogStore blogs() {
        return blogs;
    }

    /** Signs the tokens the local API hands the API function for a signed-in caller. */
    public LocalAuthorizer authorizer() {
        return authorizer;
    }

    public ContentStore content() {
        return content;
    }

    @Override
    public void close() {
        stepFunctionsEndpoint.close();
        stepFunctions.close();
        clients.close();
        emulators.close();
    }
}
