package dev.aiblog.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiblog.asl.ExecutionResult;
import dev.aiblog.asl.HistoryEvent;
import dev.aiblog.asl.HistoryListener;
import dev.aiblog.asl.LambdaInvokeIntegration;
import dev.aiblog.asl.StateMachineDefinition;
import dev.aiblog.asl.StateMachineRunner;
import dev.aiblog.asl.TaskFailedException;
import dev.aiblog.aws.store.DynamoDbPosts;
import dev.aiblog.aws.store.DynamoDbRequests;
import dev.aiblog.aws.store.S3Content;
import dev.aiblog.core.Json;
import dev.aiblog.core.config.Settings;
import dev.aiblog.local.api.LocalAuthorizer;
import dev.aiblog.local.emulators.EmulatedAws;
import dev.aiblog.local.emulators.Emulators;
import dev.aiblog.local.emulators.LocalAwsClients;
import dev.aiblog.local.emulators.ProvisionedResources;
import dev.aiblog.local.events.LocalEventBridge;
import dev.aiblog.local.iam.IamAccessDeniedException;
import dev.aiblog.local.iam.LambdaCredentials;
import dev.aiblog.local.iam.Principal;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

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
     * @param editors the dev-token users in the user pool's group {@code editors} ({@code AIBLOG_EDITORS})
     */
    public record Options(
            Path repository,
            Optional<Path> dataDirectory,
            Map<String, String> environment,
            Map<String, String> parameters,
            double timeScale,
            HistoryListener listener,
            boolean enforceIam,
            java.util.Set<String> editors) {
        public Options {
            environment = Map.copyOf(environment);
            parameters = Map.copyOf(parameters);
            editors = java.util.Set.copyOf(editors);
        }

        public Options(
                Path repository,
                Optional<Path> dataDirectory,
                Map<String, String> environment,
                Map<String, String> parameters,
                double timeScale,
                HistoryListener listener,
                boolean enforceIam) {
            this(
                    repository,
                    dataDirectory,
                    environment,
                    parameters,
                    timeScale,
                    listener,
                    enforceIam,
                    java.util.Set.of());
        }

        /** Users (dev-token subjects) who are editors: their claims carry {@code cognito:groups} {@code [editors]}. */
        public Options withEditors(java.util.Set<String> users) {
            return new Options(
                    repository, dataDirectory, environment, parameters, timeScale, listener, enforceIam, users);
        }

        public static Options inMemory(Path repository) {
            return new Options(repository, Optional.empty(), Map.of(), Map.of(), 0, (name, event) -> {}, true);
        }

        public Options withEnvironment(Map<String, String> env) {
            return new Options(repository, dataDirectory, env, parameters, timeScale, listener, enforceIam, editors);
        }

        public Options withParameters(Map<String, String> overrides) {
            return new Options(
                    repository, dataDirectory, environment, overrides, timeScale, listener, enforceIam, editors);
        }

        public Options withTimeScale(double scale) {
            return new Options(
                    repository, dataDirectory, environment, parameters, scale, listener, enforceIam, editors);
        }

        public Options withListener(HistoryListener l) {
            return new Options(repository, dataDirectory, environment, parameters, timeScale, l, enforceIam, editors);
        }

        /** With {@code false}, calls outside a role are logged and let through: for debugging a policy, never the default. */
        public Options withIam(boolean enforce) {
            return new Options(
                    repository, dataDirectory, environment, parameters, timeScale, listener, enforce, editors);
        }

        public Options persistentAt(Path dir) {
            return new Options(
                    repository, Optional.of(dir), environment, parameters, timeScale, listener, enforceIam, editors);
        }
    }

    /** The variable that hands the runtime an OpenAI key; locally it goes into Secrets Manager, as deployed. */
    static final String OPENAI_API_KEY = "OPENAI_API_KEY";
    /** The variable that names the key's secret in a function's environment (template.yaml). */
    static final String OPENAI_SECRET_VARIABLE = "OPENAI_API_KEY_SECRET_ID";

    private static final Logger LOG = LoggerFactory.getLogger(LocalCloud.class);

    private final Options options;
    private final EmulatedAws aws;
    private final SamTemplate template;
    private final LocalFunctions functions;
    private final LocalStepFunctions stepFunctions;
    private final StepFunctionsEndpoint stepFunctionsEndpoint;
    private final LocalEventBridge eventBridge;
    private final String stateMachineArn;
    private final DynamoDbRequests requests;
    private final DynamoDbPosts blogs;
    private final S3Content content;
    private final LocalAuthorizer authorizer;
    /**
     * Set when the runtime stops (Ctrl-C, SIGTERM, close): from then on no task starts and no execution's end is
     * reported, so a request in flight stays RUNNING in the data folder, exactly as after {@code kill -9}, and the
     * next start re-drives it ({@link Recovery}) instead of its outcome being written as a failure of the stop.
     */
    private volatile boolean stopping;

    private LocalCloud(Options options) {
        this.options = options;
        this.authorizer = LocalAuthorizer.create(options.editors());
        Path templateFile = options.repository().resolve("template.yaml");
        Emulators.Settings emulatorSettings =
                options.dataDirectory().map(Emulators.Settings::persistentAt).orElseGet(Emulators.Settings::inMemory);
        this.aws = EmulatedAws.start(
                emulatorSettings, templateFile, new EmulatedAws.Options(options.parameters(), options.enforceIam()));
        try {
            this.template = aws.sam();
            SamTemplate.StateMachine machine = template.stateMachine();
            this.stateMachineArn = template.arn(machine.logicalId());
            Map<String, String> substitutions = new LinkedHashMap<>();
            machine.substitutions()
                    .forEach((name, value) ->
                            substitutions.put(name, aws.values().text(value)));
            StateMachineDefinition definition =
                    StateMachineDefinition.parse(Files.readString(machine.definition()), substitutions);
            this.functions = new LocalFunctions(template, functionEnvironments());
            Principal machineRole = aws.credentials(machine.logicalId()).principal();
            this.eventBridge = new LocalEventBridge(
                    template,
                    functions::invokeRaw,
                    aws.values()::text,
                    this::deadLetter,
                    delay -> Thread.sleep(delay),
                    Clock.systemUTC());
            HistoryListener observer = (name, event) -> {
                if (stopping) {
                    return;
                }
                options.listener().onEvent(name, event);
                statusChange(event)
                        .ifPresent(status -> Thread.ofVirtual()
                                .start(() -> eventBridge.publish(statusChangeEvent(name, status, event))));
            };
            this.stepFunctions = new LocalStepFunctions(
                    stateMachineArn,
                    listener -> StateMachineRunner.builder()
                            .definition(definition)
                            // function ARNs, and the optimized integration
                            // arn:aws:states:::lambda:invoke[.waitForTaskToken]
                            .taskHandler(new LambdaInvokeIntegration(
                                    (resource, input) -> invokeAs(machineRole, resource, input),
                                    stateMachineArn.split(":")[3],
                                    stateMachineArn.split(":")[4]))
                            .timeScale(options.timeScale())
                            .listener(listener)
                            .stateMachineArn(stateMachineArn)
                            .build(),
                    observer);
            this.stepFunctionsEndpoint = new StepFunctionsEndpoint(stepFunctions, 0);
            aws.gateway().backend(dev.aiblog.local.iam.AwsService.STEP_FUNCTIONS, stepFunctionsEndpoint.endpoint());
            // SendTask* is authorised against the state machine a task token belongs to, as in AWS
            aws.gateway().taskTokenResolver(LocalStepFunctions::stateMachineArnOfToken);
            // The stores the runtime and tests read through, on the platform's own clients.
            Settings storeSettings = Settings.of(
                    aws.lambdaEnvironment(template.functions().getFirst().logicalId()));
            this.requests = new DynamoDbRequests(aws.dynamoDb(), storeSettings.requestsTable(), Clock.systemUTC());
            this.blogs = new DynamoDbPosts(aws.dynamoDb(), storeSettings.blogsTable(), requests);
            this.content = new S3Content(aws.s3(), storeSettings.contentBucket());
        } catch (IOException e) {
            aws.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            aws.close();
            throw e;
        }
    }

    /**
     * Each function's environment: what Lambda gives it (template variables, reserved variables, its role's
     * credentials, the gateway as endpoint), then the runtime's settings on top ({@code OPENAI_BASE_URL}, models).
     * An {@code OPENAI_API_KEY} is not handed to functions: it becomes the secret their
     * {@code OPENAI_API_KEY_SECRET_ID} names, which they read from Secrets Manager as they do deployed.
     */
    private Map<String, Map<String, String>> functionEnvironments() {
        Optional<String> key =
                Optional.ofNullable(options.environment().get(OPENAI_API_KEY)).filter(k -> !k.isBlank());
        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        java.util.Set<String> created = new java.util.HashSet<>();
        for (SamTemplate.Function function : template.functions()) {
            Map<String, String> env = new HashMap<>(aws.lambdaEnvironment(function.logicalId()));
            options.environment().forEach((name, value) -> {
                if (!name.equals(OPENAI_API_KEY)) {
                    env.put(name, value);
                }
            });
            // Locally the console is shared with the command's own output: metrics go to standard error.
            env.put("METRICS_STREAM", "stderr");
            // Locally there is no user pool: a function that checks tokens itself checks the local API's.
            if (env.containsKey("JWT_ISSUER")) {
                env.putAll(authorizer.environment());
            }
            String secretId = env.get(OPENAI_SECRET_VARIABLE);
            if (secretId != null) {
                if (key.isPresent()) {
                    if (created.add(secretId)) {
                        aws.secrets().create(secretId, key.get());
                    }
                } else {
                    // no key: the offline provider, or an OpenAI-compatible server that needs none
                    env.remove(OPENAI_SECRET_VARIABLE);
                }
            }
            environments.put(function.logicalId(), env);
        }
        return environments;
    }

    /** An event EventBridge could not deliver, kept in the rule's dead-letter queue (as EventBridge's service role does). */
    private void deadLetter(String queueArn, String event) {
        if (queueArn == null) {
            LOG.error("undeliverable event, no dead-letter queue to keep it: {}", event);
            return;
        }
        String queue = queueArn.substring(queueArn.lastIndexOf(':') + 1);
        aws.clients()
                .sqs()
                .sendMessage(b -> b.queueUrl(aws.resources().queueUrl(queue)).messageBody(event));
    }

    /** The state machine invokes a function with its own role, which must allow {@code lambda:InvokeFunction}. */
    private JsonNode invokeAs(Principal machine, String functionArn, JsonNode input) throws TaskFailedException {
        if (stopping) {
            throw new TaskFailedException(
                    "Local.RuntimeStopping", "the local runtime is stopping; the next start re-drives this request");
        }
        try {
            aws.gateway().authorize(machine, "lambda:InvokeFunction", functionArn);
        } catch (IamAccessDeniedException e) {
            throw new TaskFailedException(
                    "Lambda.AWSLambdaException",
                    e.getMessage() + " (Service: Lambda, Status Code: 403, Error Code: " + e.errorCode() + ")");
        }
        return functions.invoke(functionArn, input);
    }

    /** The execution status a history event ends in, for the "Execution Status Change" event EventBridge gets. */
    private static Optional<String> statusChange(HistoryEvent event) {
        return Optional.ofNullable(
                switch (event.type()) {
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
        return aws.emulators();
    }

    /** The local AWS account: emulators, secrets, the IAM gateway, the roles. */
    public EmulatedAws aws() {
        return aws;
    }

    /** The platform's own clients (no role): provisioning, recovery, assertions in tests. */
    public LocalAwsClients clients() {
        return aws.clients();
    }

    public ProvisionedResources resources() {
        return aws.resources();
    }

    /** An SQS client with the function's own credentials, through the IAM gateway: what an event source mapping polls with. */
    public SqsClient sqsAs(String functionLogicalId) {
        LambdaCredentials credentials = aws.credentials(functionLogicalId);
        return SqsClient.builder()
                .region(Region.of(SamTemplate.REGION))
                .endpointOverride(aws.gateway().endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
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

    public DynamoDbRequests requests() {
        return requests;
    }

    public DynamoDbPosts blogs() {
        return blogs;
    }

    /** Signs the tokens the local API hands the API function for a signed-in caller. */
    public LocalAuthorizer authorizer() {
        return authorizer;
    }

    public S3Content content() {
        return content;
    }

    /** Marks the runtime stopping: tasks are refused and execution ends are not reported (see {@link #stopping}). */
    public void stop() {
        stopping = true;
    }

    public boolean isStopping() {
        return stopping;
    }

    @Override
    public void close() {
        stopping = true;
        stepFunctionsEndpoint.close();
        stepFunctions.close();
        aws.close();
    }
}
