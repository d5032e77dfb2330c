package dev.aiblog.local.emulators;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import scala.Option;
import scala.collection.immutable.List$;
import scala.concurrent.Await;
import scala.util.Either;

/**
 * ElasticMQ's SQS REST server (AWS JSON and query protocols) bound to loopback, wired like
 * ElasticMQ's own standalone server so that, when a data folder is given, queues and every
 * message (body, attributes, receive count, visibility) are written to an H2 database and
 * restored on the next start.
 *
 * <p>ElasticMQ keeps the JDBC pool in a JVM-wide singleton ({@code org.elasticmq.persistence.sql.DB}),
 * so one JVM can run a single persistent ElasticMQ at a time; {@link #close()} releases it so a
 * later start may use another folder.
 */
final class ElasticMqServer implements AutoCloseable {

    static final String ACCOUNT_ID = "000000000000";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicReference<Path> ACTIVE_DATABASE = new AtomicReference<>();

    private final ActorSystem actorSystem;
    private final SQSRestServer server;
    private final URI endpoint;
    private final Optional<Path> database;

    private ElasticMqServer(ActorSystem actorSystem, SQSRestServer server, URI endpoint, Optional<Path> database) {
        this.actorSystem = actorSystem;
        this.server = server;
        this.endpoint = endpoint;
        this.database = database;
    }

    /**
     * @param port 0 for a port the OS picks
     * @param dataDir folder for the H2 message store, empty for in-memory
     */
    static ElasticMqServer start(int port, Optional<Path> dataDir) {
        Optional<Path> database = dataDir.map(dir -> dir.toAbsolutePath().resolve("elasticmq"));
        database.ifPresent(ElasticMqServer::claimDatabase);
        ActorSystem actorSystem = null;
        try {
            actorSystem = ActorSystem.create("elasticmq", config());
            Option<ActorRef> persistence = Option.empty();
            if (database.isPresent()) {
                Files.createDirectories(database.get().getParent());
                SqlQueuePersistenceConfig storage = new SqlQueuePersistenceConfig(
                        true,
                        "org.h2.Driver",
                        // WRITE_DELAY=0: a message is on disk when SendMessage returns, even if the process is killed
                        "jdbc:h2:file:" + database.get() + ";WRITE_DELAY=0",
                        "",
                        "",
                        false);
                persistence = Option.apply(actorSystem.actorOf(Props.create(
                        SqlQueuePersistenceActor.class,
                        () -> new SqlQueuePersistenceActor(storage, List$.MODULE$.empty()))));
            }
            Option<ActorRef> listener = persistence;
            ActorRef queueManager = actorSystem.actorOf(Props.create(
                    QueueManagerActor.class,
                    () -> new QueueManagerActor(new NowProvider(), StrictSQSLimits$.MODULE$, listener)));
            if (persistence.isDefined()) {
                restore(persistence.get(), queueManager);
            }
            var builder = SQSRestServerBuilder.withActorSystem(actorSystem)
                    .withQueueManagerActor(queueManager)
                    .withInterface(Emulators.LOOPBACK)
                    .withPort(port)
                    .withAWSRegion(LocalAwsClients.REGION.id())
                    .withAWSAccountId(ACCOUNT_ID);
            if (persistence.isDefined()) {
                builder = builder.withQueueEventListener(persistence.get());
            }
            SQSRestServer server = builder.start();
            int boundPort = server.waitUntilStarted().localAddress().getPort();
            return new ElasticMqServer(
                    actorSystem, server, URI.create("http://" + Emulators.LOOPBACK + ":" + boundPort), database);
        } catch (Exception e) {
            if (actorSystem != null) {
                terminate(actorSystem);
            }
            database.ifPresent(ElasticMqServer::releaseDatabase);
            throw new EmulatorStartException(
                    "ElasticMQ did not start on " + Emulators.LOOPBACK + ":" + port
                            + database.map(db -> " with its message store at " + db)
                                    .orElse(""),
                    e);
        }
    }

    private static Config config() {
        Map<String, Object> overrides = Map.of(
                "pekko.stdout-loglevel", "OFF",
                "pekko.loglevel", "WARNING",
                "pekko.log-dead-letters", "off",
                "pekko.log-dead-letters-during-shutdown", "off",
                "pekko.jvm-exit-on-fatal-error", "off",
                "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
        ClassLoader loader = ElasticMqServer.class.getClassLoader();
        return ConfigFactory.parseMap(overrides).withFallback(ConfigFactory.load(loader));
    }

    private static void restore(ActorRef persistence, ActorRef queueManager) throws Exception {
        Object reply = Patterns.ask(persistence, new QueueEvent.Restore(queueManager), TIMEOUT)
                .toCompletableFuture()
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (reply instanceof Either<?, ?> either && either.isLeft()) {
            throw new IllegalStateException("ElasticMQ could not restore its queues: "
                    + either.swap().toOption().get());
        }
    }

    private static void claimDatabase(Path database) {
        if (!ACTIVE_DATABASE.compareAndSet(null, database)) {
            throw new EmulatorStartException(
                    "ElasticMQ already persists to " + ACTIVE_DATABASE.get()
                            + " in this JVM; its JDBC pool is a JVM-wide singleton, so close that Emulators first",
                    null);
        }
    }

    private static void releaseDatabase(Path database) {
        try {
            scalikejdbc.ConnectionPool$.MODULE$.closeAll();
            // lets the next persistent start in this JVM initialise the pool with its own URI
            Field initialized = org.elasticmq.persistence.sql.DB$.class.getDeclaredField("initialized");
            initialized.setAccessible(true);
            initialized.setBoolean(org.elasticmq.persistence.sql.DB$.MODULE$, false);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reset ElasticMQ's JDBC pool singleton", e);
        } finally {
            ACTIVE_DATABASE.compareAndSet(database, null);
        }
    }

    private static void terminate(ActorSystem actorSystem) {
        try {
            Await.result(
                    actorSystem.terminate(),
                    scala.concurrent.duration.Duration.create(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException("ElasticMQ's actor system did not terminate", e);
        }
    }

    URI endpoint() {
        return endpoint;
    }

    /** Where the H2 message store lives, empty when in memory. */
    Optional<Path> database() {
        return database;
    }

    @Override
    public void close() {
        try {
            server.stopAndWait();
            terminate(actorSystem);
        } finally {
            database.ifPresent(ElasticMqServer::releaseDatabase);
        }
    }
}
