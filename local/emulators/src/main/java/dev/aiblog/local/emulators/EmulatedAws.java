package dev.aiblog.local.emulators;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Started emulators, clients for them, and the template's tables, queues and buckets created on
 * them: what a test or the local runtime needs in one object.
 *
 * <p>{@link #shared()} is one in-memory instance per JVM, provisioned from the repository's
 * {@code template.yaml}, for tests of other modules (or use {@link EmulatorsExtension}); call
 * {@link #reset()} where a test needs empty tables, queues and buckets.
 */
public final class EmulatedAws implements AutoCloseable {

    /** System property (or environment variable {@code AIBLOG_TEMPLATE}) naming the template to use. */
    public static final String TEMPLATE_PROPERTY = "aiblog.template";
    public static final String TEMPLATE_FILE = "template.yaml";

    private static EmulatedAws shared;

    private final Emulators emulators;
    private final LocalAwsClients clients;
    private final TemplateResources template;
    private final boolean isShared;
    private volatile ProvisionedResources resources;

    private EmulatedAws(Emulators emulators, LocalAwsClients clients, TemplateResources template, ProvisionedResources resources,
            boolean isShared) {
        this.emulators = emulators;
        this.clients = clients;
        this.template = template;
        this.resources = resources;
        this.isShared = isShared;
    }

    /**
     * Starts emulators with {@code settings} and provisions {@code template} on them (existing
     * resources in a persistent folder are kept).
     */
    public static EmulatedAws start(Emulators.Settings settings, TemplateResources template) {
        return start(settings, template, false);
    }

    private static EmulatedAws start(Emulators.Settings settings, TemplateResources template, boolean isShared) {
        Emulators emulators = Emulators.start(settings);
        try {
            LocalAwsClients clients = LocalAwsClients.of(emulators);
            try {
                return new EmulatedAws(emulators, clients, template, template.provision(clients), isShared);
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
            EmulatedAws started = start(Emulators.Settings.inMemory(), TemplateResources.load(findTemplate()), true);
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("emulators-shutdown").unstarted(started::stop));
            shared = started;
        }
        return shared;
    }

    /**
     * The template to provision: {@code -Daiblog.template} or {@code AIBLOG_TEMPLATE} if set,
     * else the nearest {@code template.yaml} in the working directory or one of its parents (the
     * repository root, from any module).
     *
     * @throws TemplateException when there is none
     */
    public static Path findTemplate() {
        String configured = Optional.ofNullable(System.getProperty(TEMPLATE_PROPERTY)).orElse(System.getenv("AIBLOG_TEMPLATE"));
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
        throw new TemplateException("no " + TEMPLATE_FILE + " in " + start.toAbsolutePath() + " or its parents; run from the "
                + "repository or set -D" + TEMPLATE_PROPERTY + "=<path>");
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
    }

    private void empty(String bucket) {
        List<ObjectIdentifier> objects = new ArrayList<>();
        s3().listObjectVersionsPaginator(b -> b.bucket(bucket)).forEach(page -> {
            page.versions().forEach(v -> objects.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()));
            page.deleteMarkers().forEach(m -> objects.add(ObjectIdentifier.builder().key(m.key()).versionId(m.versionId()).build()));
        });
        s3().listObjectsV2Paginator(b -> b.bucket(bucket))
                .contents()
                .forEach(o -> objects.add(ObjectIdentifier.builder().key(o.key()).build()));
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
            clients.close();
        } finally {
            emulators.close();
        }
    }
}
