package dev.aiblog.local.emulators;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DynamoDB Local, ElasticMQ (SQS) and local-s3 running inside this JVM, each an HTTP server on
 * 127.0.0.1 that the real AWS SDK talks to. Start with {@link #inMemory()} for tests or
 * {@link #persistentAt(Path)} to keep tables, queues with their messages, and buckets with their
 * objects in a folder across restarts (and across a killed process: every write is on disk
 * before the emulator answers).
 *
 * <p>The three start in parallel. Close to stop them and release the data folder.
 */
public final class Emulators implements AutoCloseable {

    /** The only address the emulators listen on. */
    public static final String LOOPBACK = "127.0.0.1";

    private static final Logger LOG = LoggerFactory.getLogger(Emulators.class);
    private static final String LOCK_FILE = ".emulators.lock";

    /**
     * Where data lives and which ports to bind (0: a free port the OS picks).
     *
     * @param dataDirectory empty for in-memory; otherwise holds {@code dynamodb/}, {@code sqs/}, {@code s3/}
     */
    public record Settings(Optional<Path> dataDirectory, int dynamoDbPort, int sqsPort, int s3Port) {

        public Settings {
            Objects.requireNonNull(dataDirectory, "dataDirectory");
            dataDirectory = dataDirectory.map(dir -> dir.toAbsolutePath().normalize());
            for (int port : new int[] {dynamoDbPort, sqsPort, s3Port}) {
                if (port < 0 || port > 65_535) {
                    throw new IllegalArgumentException("port out of range: " + port);
                }
            }
        }

        public static Settings inMemory() {
            return new Settings(Optional.empty(), 0, 0, 0);
        }

        public static Settings persistentAt(Path dataDirectory) {
            return new Settings(Optional.of(dataDirectory), 0, 0, 0);
        }

        public Settings withPorts(int dynamoDb, int sqs, int s3) {
            return new Settings(dataDirectory, dynamoDb, sqs, s3);
        }
    }

    private final Settings settings;
    private final DynamoDbLocalServer dynamoDb;
    private final ElasticMqServer sqs;
    private final LocalS3Server s3;
    private final Optional<FileLock> lock;
    private final Duration startupTime;
    private boolean closed;

    private Emulators(
            Settings settings,
            DynamoDbLocalServer dynamoDb,
            ElasticMqServer sqs,
            LocalS3Server s3,
            Optional<FileLock> lock,
            Duration startupTime) {
        this.settings = settings;
        this.dynamoDb = dynamoDb;
        this.sqs = sqs;
        this.s3 = s3;
        this.lock = lock;
        this.startupTime = startupTime;
    }

    /** Starts all three in memory on free loopback ports. */
    public static Emulators inMemory() {
        return start(Settings.inMemory());
    }

    /** Starts all three on free loopback ports with their data under {@code dataDirectory}. */
    public static Emulators persistentAt(Path dataDirectory) {
        return start(Settings.persistentAt(dataDirectory));
    }

    /**
     * Starts all three in parallel; if one fails the others are stopped and the first failure is
     * thrown.
     *
     * @throws EmulatorStartException when an emulator cannot start, or the data folder is in use by
     *     another {@code Emulators} (in this or another process)
     */
    public static Emulators start(Settings settings) {
        long started = System.nanoTime();
        Optional<FileLock> lock = settings.dataDirectory().map(Emulators::lock);
        Optional<Path> dir = settings.dataDirectory();
        try (ExecutorService pool = Executors.newFixedThreadPool(
                3, Thread.ofPlatform().name("emulators-start-", 1).daemon().factory())) {
            CompletableFuture<DynamoDbLocalServer> dynamoDb = CompletableFuture.supplyAsync(
                    () -> DynamoDbLocalServer.start(settings.dynamoDbPort(), dir.map(d -> d.resolve("dynamodb"))),
                    pool);
            CompletableFuture<ElasticMqServer> sqs = CompletableFuture.supplyAsync(
                    () -> ElasticMqServer.start(settings.sqsPort(), dir.map(d -> d.resolve("sqs"))), pool);
            CompletableFuture<LocalS3Server> s3 = CompletableFuture.supplyAsync(
                    () -> LocalS3Server.start(settings.s3Port(), dir.map(d -> d.resolve("s3"))), pool);
            List<RuntimeException> failures = new ArrayList<>();
            DynamoDbLocalServer d = await(dynamoDb, failures);
            ElasticMqServer q = await(sqs, failures);
            LocalS3Server b = await(s3, failures);
            if (!failures.isEmpty()) {
                closeAll(List.of(Optional.ofNullable(d), Optional.ofNullable(q), Optional.ofNullable(b)));
                RuntimeException first = failures.getFirst();
                failures.stream().skip(1).forEach(first::addSuppressed);
                throw first;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Emulators emulators = new Emulators(settings, d, q, b, lock, took);
            LOG.info("Emulators started in {} ms: {}", took.toMillis(), emulators);
            return emulators;
        } catch (RuntimeException e) {
            lock.ifPresent(Emulators::release);
            throw e;
        }
    }

    private static <T> T await(CompletableFuture<T> future, List<RuntimeException> failures) {
        try {
            return future.join();
        } catch (CompletionException e) {
            failures.add(
                    e.getCause() instanceof RuntimeException r
                            ? r
                            : new EmulatorStartException(e.getMessage(), e.getCause()));
            return null;
        }
    }

    /** DynamoDB Local, e.g. {@code http://127.0.0.1:41234}. */
    public URI dynamoDbEndpoint() {
        return dynamoDb.endpoint();
    }

    /** ElasticMQ (SQS); queue URLs it returns start with this. */
    public URI sqsEndpoint() {
        return sqs.endpoint();
    }

    /** local-s3; use path-style addressing. */
    public URI s3Endpoint() {
        return s3.endpoint();
    }

    /**
     * What a function's environment needs to reach these emulators with the AWS SDK: region, dummy static
     * credentials and the per-service endpoint variables ({@code AWS_ENDPOINT_URL_<SERVICE>}) the SDK honours.
     */
    public java.util.Map<String, String> awsEnvironment() {
        return java.util.Map.of(
                "AWS_REGION", LocalAwsClients.REGION.id(),
                "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local",
                "AWS_ENDPOINT_URL_DYNAMODB", dynamoDbEndpoint().toString(),
                "AWS_ENDPOINT_URL_SQS", sqsEndpoint().toString(),
                "AWS_ENDPOINT_URL_S3", s3Endpoint().toString());
    }

    /** The data folder, empty when in memory. */
    public Optional<Path> dataDirectory() {
        return settings.dataDirectory();
    }

    public Settings settings() {
        return settings;
    }

    /** Wall-clock time {@link #start(Settings)} took, all three in parallel. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Stops all three and releases the data folder. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeAll(List.of(Optional.of(s3), Optional.of(sqs), Optional.of(dynamoDb)));
        } finally {
            lock.ifPresent(Emulators::release);
        }
    }

    @Override
    public String toString() {
        return "Emulators[dynamodb=" + dynamoDbEndpoint() + ", sqs=" + sqsEndpoint() + ", s3=" + s3Endpoint()
                + ", data=" + settings.dataDirectory().map(Path::toString).orElse("in memory") + "]";
    }

    private static void closeAll(List<Optional<? extends AutoCloseable>> servers) {
        RuntimeException failure = null;
        for (Optional<? extends AutoCloseable> server : servers) {
            if (server.isEmpty()) {
                continue;
            }
            try {
                server.get().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("an emulator did not stop cleanly", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static FileLock lock(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            FileChannel channel = FileChannel.open(
                    dataDirectory.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = null;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                // held by this JVM
            }
            if (lock == null) {
                channel.close();
                throw new EmulatorStartException(
                        "the emulators' data folder " + dataDirectory
                                + " is in use by another running instance; stop it or choose another folder",
                        null);
            }
            return lock;
        } catch (IOException e) {
            throw new EmulatorStartException("cannot use " + dataDirectory + " as the emulators' data folder", e);
        }
    }

    private static void release(FileLock lock) {
        try {
            lock.release();
            lock.channel().close();
        } catch (IOException e) {
            LOG.warn("could not release the emulators' data folder lock", e);
        }
    }
}
