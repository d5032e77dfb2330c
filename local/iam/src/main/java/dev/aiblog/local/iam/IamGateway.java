package dev.aiblog.local.iam;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP endpoint on loopback in front of the local services that refuses what AWS would refuse.
 *
 * <p>Each request is authenticated (SigV4 with credentials this gateway {@linkplain #issue issued},
 * session token included), mapped to the IAM actions and resources it needs, and evaluated against
 * the caller's role. An allowed request is forwarded unchanged to the backend registered for its
 * service, or answered by an in-process service; a refused one gets the error the real service
 * gives, in its protocol, and a WARN log line naming the principal, action and resource.
 *
 * <p>The JDK HTTP server reads {@code sun.net.httpserver.nodelay} once, when the first server in
 * the JVM is created; loading this class sets it to {@code true} (unless already set) so responses
 * are not held back by Nagle's algorithm.
 */
public final class IamGateway implements AutoCloseable {

    static {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(IamGateway.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI endpoint;
    private final Authenticator authenticator;
    private final CredentialMint mint = new CredentialMint();
    private final Map<Principal, Policy> policies = new ConcurrentHashMap<>();
    private final Deque<AccessLogEntry> accessLog = new ArrayDeque<>();
    private final int accessLogCapacity;
    private final boolean enforce;
    private final Clock clock;
    private final Forwarder forwarder = new Forwarder();
    private final GatewayHandler handler;
    private final Map<AwsService, URI> backends;
    private final List<Consumer<AccessLogEntry>> refusalListeners = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> decisions = new ConcurrentHashMap<>();
    private volatile Function<String, Optional<String>> taskTokenStateMachines = token -> Optional.empty();

    private IamGateway(Builder builder) {
        this.enforce = builder.enforce;
        this.clock = builder.clock;
        this.accessLogCapacity = builder.accessLogCapacity;
        this.authenticator = new Authenticator(clock);
        LocalSecretsManager secrets =
                builder.inProcess.get(AwsService.SECRETS_MANAGER) instanceof LocalSecretsManager local ? local : null;
        JsonRequestClassifier classifier = new JsonRequestClassifier(
                id -> secrets == null ? Optional.empty() : secrets.arnOf(id),
                token -> taskTokenStateMachines.apply(token));
        this.backends = new ConcurrentHashMap<>(builder.backends);
        this.handler = new GatewayHandler(
                this, authenticator, classifier, forwarder, backends, new EnumMap<>(builder.inProcess), enforce);
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), 128);
        } catch (IOException e) {
            forwarder.close();
            throw new UncheckedIOException("the IAM gateway cannot listen on 127.0.0.1:" + builder.port, e);
        }
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", handler);
        server.start();
        this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        LOG.info(
                "IAM gateway on {} (enforce={}) for {}{}",
                endpoint,
                enforce,
                builder.backends.keySet(),
                builder.inProcess.keySet());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Mints temporary credentials for the principal, whose calls through this gateway are then
     * checked against the policy. Each call mints new credentials; earlier ones stay valid.
     */
    public LambdaCredentials issue(Principal principal, Policy policy) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(policy, "policy");
        LambdaCredentials credentials = mint.mint(principal);
        policies.put(principal, policy);
        authenticator.register(credentials, policy);
        return credentials;
    }

    /** Where SDK clients point ({@code endpointOverride}): {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Whether refusals are answered with AWS's errors (false: logged, recorded and forwarded anyway). */
    public boolean enforcing() {
        return enforce;
    }

    /**
     * Checks an action taken in-process (not over HTTP) against the principal's role, e.g. the local
     * state machine's {@code lambda:InvokeFunction} before it runs a task. Recorded in the access log.
     *
     * @return the allowing decision (or, when not enforcing, the denying one)
     * @throws IamAccessDeniedException if the role does not allow it and the gateway enforces
     * @throws IllegalArgumentException if no credentials were issued to the principal
     */
    public Decision authorize(Principal principal, String action, String resource) {
        Policy policy = policies.get(principal);
        if (policy == null) {
            throw new IllegalArgumentException(
                    "no credentials were issued to " + principal.logicalId() + ": call issue(principal, policy) first");
        }
        Decision decision = policy.evaluate(action, resource);
        String service = action.contains(":") ? action.substring(0, action.indexOf(':')) : action;
        if (decision.allowed()) {
            record(new AccessLogEntry(
                    clock.instant(),
                    Optional.of(principal),
                    service,
                    action,
                    resource,
                    true,
                    Optional.of(decision.describe()),
                    "allowed",
                    enforce));
            return decision;
        }
        String message = "User: " + principal.assumedRoleArn() + " is not authorized to perform: " + action
                + " on resource: " + resource
                + (decision.outcome() == Decision.Outcome.EXPLICIT_DENY
                        ? " with an explicit deny in an identity-based policy"
                        : " because no identity-based policy allows the " + action + " action");
        record(new AccessLogEntry(
                clock.instant(),
                Optional.of(principal),
                service,
                action,
                resource,
                false,
                Optional.of(decision.describe()),
                message,
                enforce));
        warnRefused(message, enforce);
        if (enforce) {
            throw new IamAccessDeniedException(principal, action, resource, message);
        }
        return decision;
    }

    /**
     * Forwards a service's requests to a backend that started after the gateway (the local Step Functions
     * endpoint, a test double), or to another one.
     */
    public void backend(AwsService service, URI baseUri) {
        backends.put(service, Objects.requireNonNull(baseUri, "baseUri"));
    }

    /**
     * How to read the state machine ARN from a task token, for {@code states:SendTaskSuccess},
     * {@code states:SendTaskFailure} and {@code states:SendTaskHeartbeat}. The Service Authorization Reference lists no
     * resource type for them (so {@code "Resource": "*"} grants them), yet AWS checks a callback token's call against
     * the state machine it belongs to ("... is not authorized to perform: states:SendTaskFailure on resource:
     * arn:aws:states:...:stateMachine:..."), which SAM's {@code StepFunctionsCallbackPolicy} relies on. Without a resolver,
     * or for a token it cannot read, the resource is {@code *}: only a {@code "Resource": "*"} statement allows the call.
     *
     * @see <a href="https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsstepfunctions.html">Step
     *     Functions actions and resources</a>
     */
    public void taskTokenResolver(Function<String, Optional<String>> stateMachineArnOfToken) {
        this.taskTokenStateMachines = Objects.requireNonNull(stateMachineArnOfToken, "stateMachineArnOfToken");
    }

    /** Called with every refusal (enforced or not), on the thread that made the call. */
    public void onRefusal(Consumer<AccessLogEntry> listener) {
        refusalListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Every distinct decision since start and how often it was made, as
     * {@code ALLOW|DENY <logical id> <action> <resource>} → count: what each function did, for a report.
     */
    public Map<String, Long> decisions() {
        Map<String, Long> out = new java.util.TreeMap<>();
        decisions.forEach((key, count) -> out.put(key, count.sum()));
        return out;
    }

    /** Every decision so far, oldest first (the most recent {@code accessLogCapacity} of them). */
    public List<AccessLogEntry> accessLog() {
        synchronized (accessLog) {
            return new ArrayList<>(accessLog);
        }
    }

    void record(AccessLogEntry entry) {
        decisions
                .computeIfAbsent(
                        (entry.allowed() ? "ALLOW " : "DENY ")
                                + entry.principal().map(Principal::logicalId).orElse("(unknown)") + " " + entry.action()
                                + " " + entry.resource(),
                        k -> new LongAdder())
                .increment();
        if (!entry.allowed()) {
            refusalListeners.forEach(listener -> listener.accept(entry));
        }
        synchronized (accessLog) {
            if (accessLog.size() == accessLogCapacity) {
                accessLog.removeFirst();
            }
            accessLog.addLast(entry);
        }
    }

    Clock clock() {
        return clock;
    }

    static void warnRefused(String message, boolean enforced) {
        if (enforced) {
            LOG.warn("IAM refused: {}", message);
        } else {
            LOG.warn("IAM would refuse (not enforced, forwarded): {}", message);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
        forwarder.close();
    }

    /** Configures and starts an {@link IamGateway}. */
    public static final class Builder {

        private final Map<AwsService, URI> backends = new EnumMap<>(AwsService.class);
        private final Map<AwsService, InProcessService> inProcess = new EnumMap<>(AwsService.class);
        private boolean enforce = true;
        private Clock clock = Clock.systemUTC();
        private int port;
        private int accessLogCapacity = 10_000;

        private Builder() {}

        /** Forwards the service's allowed requests to a base URI, e.g. DynamoDB Local's {@code http://127.0.0.1:8000}. */
        public Builder backend(AwsService service, URI baseUri) {
            Objects.requireNonNull(baseUri, "baseUri");
            inProcess.remove(service);
            backends.put(service, baseUri);
            return this;
        }

        /** Answers the service's allowed requests in-process, e.g. with a {@link LocalSecretsManager}. */
        public Builder inProcess(AwsService service, InProcessService handler) {
            Objects.requireNonNull(handler, "handler");
            backends.remove(service);
            inProcess.put(service, handler);
            return this;
        }

        /**
         * True (the default): refusals get AWS's error. False: a refusal (bad signature, missing token,
         * policy deny) is still recorded and logged at WARN, but the request is forwarded, to see
         * everything a run would be refused in one go.
         */
        public Builder enforce(boolean enforce) {
            this.enforce = enforce;
            return this;
        }

        /** The clock for presigned-URL expiry and signature skew (15 minutes). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The loopback port; 0 (the default) for one the OS picks. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port " + port + " is not a TCP port");
            }
            this.port = port;
            return this;
        }

        /** How many access log entries are kept (the oldest are dropped first); 10,000 by default. */
        public Builder accessLogCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("the access log keeps at least one entry");
            }
            this.accessLogCapacity = capacity;
            return this;
        }

        public IamGateway start() {
            return new IamGateway(this);
        }
    }
}
