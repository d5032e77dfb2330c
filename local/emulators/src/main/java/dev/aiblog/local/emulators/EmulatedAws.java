package dev.aiblog.local.emulators;

import dev.aiblog.local.iam.AwsService;
import dev.aiblog.local.iam.IamGateway;
import dev.aiblog.local.iam.LambdaCredentials;
import dev.aiblog.local.iam.LocalSecretsManager;
import dev.aiblog.local.iam.Policy;
import dev.aiblog.local.iam.Principal;
import dev.aiblog.local.sam.SamTemplate;
import dev.aiblog.local.sam.TemplateValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One local AWS account for the stack of {@code template.yaml}: the emulators with the template's tables, queues and
 * buckets, a Secrets Manager with its secrets, and an IAM gateway in front of them all that refuses what AWS would.
 * Each function of the template gets the environment Lambda gives it ({@link #lambdaEnvironment(String)}): the
 * template's variables, Lambda's own, and temporary credentials with a session token for its role, as SAM builds
 * that role from the template's {@code Policies}. Every call signed with them is checked against that role.
 *
 * <p>{@link #shared()} is one in-memory instance per JVM, provisioned from the repository's
 * {@code template.yaml}, for tests of other modules (or use {@link EmulatorsExtension}); call
 * {@link #reset()} where a test needs empty tables, queues and buckets. {@link #clients()} are the platform's own
 * clients (provisioning, test assertions): they reach the emulators directly, as an administrator would.
 */
public final class EmulatedAws implements AutoCloseable {

    /** System property (or environment variable {@code AIBLOG_TEMPLATE}) naming the template to use. */
    public static final String TEMPLATE_PROPERTY = "aiblog.template";

    public static final String TEMPLATE_FILE = "template.yaml";

    /**
     * How to run the account.
     *
     * @param parameters template parameter overrides, like {@code sam deploy --parameter-overrides}
     * @param enforceIam refuse calls the caller's role does not allow (on by default; off only to debug)
     */
    public record Options(Map<String, String> parameters, boolean enforceIam) {
        public Options {
            parameters = Map.copyOf(parameters);
        }

        public static Options defaults() {
            return new Options(Map.of(), true);
        }
    }

    private static EmulatedAws shared;

    private final Emulators emulators;
    private final LocalAwsClients clients;
    private final SamTemplate sam;
    private final TemplateResources template;
    private final Options options;
    private final LocalSecretsManager secrets;
    private final Map<String, String> secretArns;
    private final IamGateway gateway;
    private final boolean isShared;
    private final Map<String, LambdaCredentials> credentials = new ConcurrentHashMap<>();
    private volatile ProvisionedResources resources;
    private volatile TemplateValues values;
    private volatile Map<Principal, Policy> roles;

    private EmulatedAws(
            Emulators emulators, LocalAwsClients clients, SamTemplate sam, Options options, boolean isShared) {
        this.emulators = emulators;
        this.clients = clients;
        this.sam = sam;
        this.options = options;
        this.isShared = isShared;
        this.template = TemplateResources.of(sam.root(), sam.file().toString());
        this.resources = template.provision(clients);
        this.secrets = new LocalSecretsManager();
        this.secretArns =
                StackSecrets.create(sam.resources("AWS::SecretsManager::Secret"), secrets, emulators.dataDirectory());
        this.gateway = IamGateway.builder()
                .backend(AwsService.DYNAMODB, emulators.dynamoDbEndpoint())
                .backend(AwsService.SQS, emulators.sqsEndpoint())
                .backend(AwsService.S3, emulators.s3Endpoint())
                .inProcess(AwsService.SECRETS_MANAGER, secrets)
                .enforce(options.enforceIam())
                .start();
        bind();
    }

    /**
     * Starts emulators with {@code settings}, provisions the template in {@code templateFile} on them (existing
     * resources in a persistent folder are kept), creates its secrets and starts the IAM gateway.
     */
    public static EmulatedAws start(Emulators.Settings settings, Path templateFile, Options options) {
        return start(settings, SamTemplate.load(templateFile), options, false);
    }

    private static EmulatedAws start(Emulators.Settings settings, SamTemplate sam, Options options, boolean isShared) {
        Emulators emulators = Emulators.start(settings);
        try {
            LocalAwsClients clients = LocalAwsClients.of(emulators);
            try {
                return new EmulatedAws(emulators, clients, sam, options, isShared);
            } catch (RuntimeException e) {
                clients.close();
                throw e;
            }
        } catch (RuntimeException e) {
            emulators.close();
            throw e;
        }
    }

    /**
     * One in-memory instance per JVM, started on first use, provisioned from
     * {@link #findTemplate()}, stopped when the JVM exits. Its {@link #close()} does nothing.
     */
    public static synchronized EmulatedAws shared() {
        if (shared == null) {
            EmulatedAws started =
                    start(Emulators.Settings.inMemory(), SamTemplate.load(findTemplate()), Options.defaults(), true);
            Runtime.getRuntime()
                    .addShutdownHook(
                            Thread.ofPlatform().name("emulators-shutdown").unstarted(started::stop));
            shared = started;
        }
        return shared;
    }

    /** Resolves the template against what is provisioned now, and models every role from it. */
    private void bind() {
        Map<String, String> refs = new LinkedHashMap<>(resources.environment());
        refs.putAll(secretArns);
        Map<String, String> attributes = new LinkedHashMap<>();
        resources.arns().forEach((id, arn) -> attributes.put(id + ".Arn", arn));
        resources
                .queueUrls()
                .forEach((id, url) -> attributes.put(id + ".QueueName", url.substring(url.lastIndexOf('/') + 1)));
        secretArns.forEach((id, arn) -> attributes.put(id + ".Id", arn));
        this.values = sam.values(refs, attributes, options.parameters());
        this.roles = StackIam.roles(sam, values);
    }

    /**
     * The template to provision: {@code -Daiblog.template} or {@code AIBLOG_TEMPLATE} if set,
     * else the nearest {@code template.yaml} in the working directory or one of its parents (the
     * repository root, from any module).
     *
     * @throws TemplateException when there is none
     */
    public static Path findTemplate() {
        String configured =
                Optional.ofNullable(System.getProperty(TEMPLATE_PROPERTY)).orElse(System.getenv("AIBLOG_TEMPLATE"));
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured).toAbsolutePath();
            if (!Files.isRegularFile(path)) {
                throw new TemplateException(TEMPLATE_PROPERTY + " names " + path + ", which is not a file");
            }
            return path;
        }
        return findTemplate(Path.of("").toAbsolutePath());
    }

    /** The nearest {@code template.yaml} in {@code start} or one of its parents. */
    public static Path findTemplate(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(TEMPLATE_FILE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new TemplateException("no " + TEMPLATE_FILE + " in " + start.toAbsolutePath()
                + " or its parents; run from the " + "repository or set -D" + TEMPLATE_PROPERTY + "=<path>");
    }

    public Emulators emulators() {
        return emulators;
    }

    public LocalAwsClients clients() {
        return clients;
    }

    public DynamoDbClient dynamoDb() {
        return clients.dynamoDb();
    }

    public SqsClient sqs() {
        return clients.sqs();
    }

    public S3Client s3() {
        return clients.s3();
    }

    public TemplateResources template() {
        return template;
    }

    public ProvisionedResources resources() {
        return resources;
    }

    /** The template as the local runtime reads it (functions, state machine, events). */
    public SamTemplate sam() {
        return sam;
    }

    /** The template's intrinsics resolved against this account. */
    public TemplateValues values() {
        return values;
    }

    public Options options() {
        return options;
    }

    /** The gateway every function's AWS call goes through. */
    public IamGateway gateway() {
        return gateway;
    }

    public LocalSecretsManager secrets() {
        return secrets;
    }

    /** Logical id → ARN of the template's secrets. */
    public Map<String, String> secretArns() {
        return secretArns;
    }

    /** Every call the gateway refused (or, not enforcing, would have refused) so far: empty in a healthy run. */
    public java.util.List<dev.aiblog.local.iam.AccessLogEntry> refusals() {
        return gateway.accessLog().stream().filter(entry -> !entry.allowed()).toList();
    }

    /** The role SAM builds for a function or the state machine. */
    public Policy role(String logicalId) {
        Policy role = roles.get(Principal.of(logicalId));
        if (role == null) {
            throw new IllegalArgumentException("template.yaml has no function or state machine " + logicalId);
        }
        return role;
    }

    /** A function's (or the state machine's) temporary credentials for its role, issued once per account. */
    public LambdaCredentials credentials(String logicalId) {
        return credentials.computeIfAbsent(logicalId, id -> gateway.issue(Principal.of(id), role(id)));
    }

    /**
     * What Lambda gives the function {@code logicalId}: its template variables resolved, Lambda's reserved
     * variables, its own credentials, and the gateway as the endpoint of every AWS service.
     */
    public Map<String, String> lambdaEnvironment(String logicalId) {
        SamTemplate.Function function = sam.function(logicalId);
        Map<String, String> declared = new LinkedHashMap<>();
        function.environment().forEach((name, value) -> declared.put(name, values.text(value)));
        LambdaCredentials issued = credentials(logicalId);
        Map<String, String> env = new LinkedHashMap<>(LambdaEnvironment.of(
                function,
                declared,
                new LambdaEnvironment.Credentials(
                        issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken())));
        env.put("AWS_ENDPOINT_URL", gateway.endpoint().toString());
        return env;
    }

    /**
     * Empties every provisioned resource: tables are dropped and created again, queues purged
     * (in-flight messages too), buckets emptied of every object and version. Names and URLs stay
     * the same.
     */
    public synchronized void reset() {
        ProvisionedResources current = resources;
        for (String table : current.tables().values()) {
            dynamoDb().deleteTable(b -> b.tableName(table));
            dynamoDb().waiter().waitUntilTableNotExists(b -> b.tableName(table));
        }
        for (String queueUrl : current.queueUrls().values()) {
            sqs().purgeQueue(b -> b.queueUrl(queueUrl));
        }
        for (String bucket : current.buckets().values()) {
            empty(bucket);
        }
        resources = template.provision(clients);
        bind();
    }

    private void empty(String bucket) {
        List<ObjectIdentifier> objects = new ArrayList<>();
        s3().listObjectVersionsPaginator(b -> b.bucket(bucket)).forEach(page -> {
            page.versions()
                    .forEach(v -> objects.add(ObjectIdentifier.builder()
                            .key(v.key())
                            .versionId(v.versionId())
                            .build()));
            page.deleteMarkers()
                    .forEach(m -> objects.add(ObjectIdentifier.builder()
                            .key(m.key())
                            .versionId(m.versionId())
                            .build()));
        });
        s3().listObjectsV2Paginator(b -> b.bucket(bucket))
                .contents()
                .forEach(
                        o -> objects.add(ObjectIdentifier.builder().key(o.key()).build()));
        for (ObjectIdentifier object : objects) {
            s3().deleteObject(b -> b.bucket(bucket).key(object.key()).versionId(object.versionId()));
        }
    }

    /** Stops the emulators; does nothing on the {@link #shared()} instance, which stops with the JVM. */
    @Override
    public void close() {
        if (!isShared) {
            stop();
        }
    }

    private void stop() {
        try {
            gateway.close();
            clients.close();
        } finally {
            emulators.close();
        }
    }
}
