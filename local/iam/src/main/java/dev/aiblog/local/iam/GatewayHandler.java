package dev.aiblog.local.iam;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The gateway's request path: authenticate, classify, evaluate, then forward, answer in-process, or refuse. */
final class GatewayHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(IamGateway.class);

    private final IamGateway gateway;
    private final Authenticator authenticator;
    private final JsonRequestClassifier jsonClassifier;
    private final Forwarder forwarder;
    private final Map<AwsService, URI> backends;
    private final Map<AwsService, InProcessService> inProcess;
    private final boolean enforce;

    GatewayHandler(
            IamGateway gateway,
            Authenticator authenticator,
            JsonRequestClassifier jsonClassifier,
            Forwarder forwarder,
            Map<AwsService, URI> backends,
            Map<AwsService, InProcessService> inProcess,
            boolean enforce) {
        this.gateway = gateway;
        this.authenticator = authenticator;
        this.jsonClassifier = jsonClassifier;
        this.forwarder = forwarder;
        this.backends = backends;
        this.inProcess = inProcess;
        this.enforce = enforce;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            serve(exchange, GatewayExchanges.read(exchange));
        } catch (RuntimeException e) {
            LOG.error("IAM gateway failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            GatewayExchanges.send(
                    exchange,
                    new ServiceResponse(
                            500,
                            Map.of("Content-Type", "text/plain; charset=utf-8"),
                            ("local IAM gateway error: " + e).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    private void serve(HttpExchange exchange, AwsRequest request) throws IOException {
        Authenticator.Outcome outcome = authenticator.authenticate(request);
        AwsService service = outcome.service();
        List<ResourceAction> actions = List.of();
        String unclassifiable = null;
        try {
            actions = service.isJson()
                    ? jsonClassifier.classify(service, request)
                    : S3RequestClassifier.classify(request);
        } catch (UnclassifiableRequestException e) {
            unclassifiable = e.getMessage();
        }

        Optional<Principal> principal;
        Policy policy = null;
        if (outcome instanceof Authenticator.Refused refused) {
            String reason = refused.message() + hint(refused);
            recordRefusal(refused.principal(), service, actions, reason);
            if (enforce || refused.refusal() == Refusal.NO_BACKEND) {
                GatewayExchanges.send(
                        exchange,
                        ErrorResponses.refuse(
                                service,
                                refused.refusal(),
                                refused.message(),
                                refused.s3Details(),
                                refused.presigned()));
                return;
            }
            principal = refused.principal();
        } else {
            Authenticator.Authenticated authenticated = (Authenticator.Authenticated) outcome;
            principal = Optional.of(authenticated.issued().credentials().principal());
            policy = authenticated.issued().policy();
        }
        if (unclassifiable != null) {
            recordRefusal(principal, service, List.of(), unclassifiable);
            if (enforce) {
                GatewayExchanges.send(
                        exchange,
                        ErrorResponses.refuse(service, Refusal.UNCLASSIFIABLE, unclassifiable, Map.of(), false));
                return;
            }
        }
        if (policy != null && !evaluate(exchange, service, principal.orElseThrow(), policy, actions)) {
            return;
        }
        dispatch(exchange, service, request, principal);
    }

    /** Records each decision; answers the first denial when enforcing. */
    private boolean evaluate(
            HttpExchange exchange, AwsService service, Principal principal, Policy policy, List<ResourceAction> actions)
            throws IOException {
        String refusal = null;
        for (ResourceAction needed : actions) {
            Decision decision = policy.evaluate(needed.action(), needed.resource());
            String reason = decision.allowed()
                    ? "allowed"
                    : ErrorResponses.accessDeniedMessage(
                            service,
                            principal,
                            needed.action(),
                            needed.resource(),
                            decision.outcome() == Decision.Outcome.EXPLICIT_DENY);
            gateway.record(new AccessLogEntry(
                    gateway.clock().instant(),
                    Optional.of(principal),
                    service.signingName(),
                    needed.action(),
                    needed.resource(),
                    decision.allowed(),
                    Optional.of(decision.describe()),
                    reason,
                    enforce));
            if (!decision.allowed()) {
                IamGateway.warnRefused(reason, enforce);
                if (refusal == null) {
                    refusal = reason;
                }
            }
        }
        if (refusal != null && enforce) {
            GatewayExchanges.send(
                    exchange, ErrorResponses.refuse(service, Refusal.ACCESS_DENIED, refusal, Map.of(), false));
            return false;
        }
        return true;
    }

    private void dispatch(HttpExchange exchange, AwsService service, AwsRequest request, Optional<Principal> principal)
            throws IOException {
        InProcessService local = inProcess.get(service);
        if (local != null) {
            GatewayExchanges.send(exchange, local.handle(request, principal));
            return;
        }
        URI backend = backends.get(service);
        if (backend == null) {
            String message = "no backend is registered with the local IAM gateway for " + service.signingName();
            LOG.warn(message);
            GatewayExchanges.send(
                    exchange, ErrorResponses.refuse(service, Refusal.NO_BACKEND, message, Map.of(), false));
            return;
        }
        forwarder.forward(request, backend, exchange, service);
    }

    private void recordRefusal(
            Optional<Principal> principal, AwsService service, List<ResourceAction> actions, String reason) {
        String who = principal.map(Principal::assumedRoleArn).orElse("an unknown caller");
        if (actions.isEmpty()) {
            gateway.record(new AccessLogEntry(
                    gateway.clock().instant(),
                    principal,
                    service.signingName(),
                    "-",
                    "-",
                    false,
                    Optional.empty(),
                    reason,
                    enforce));
            IamGateway.warnRefused(service.signingName() + " request from " + who + ": " + reason, enforce);
            return;
        }
        for (ResourceAction needed : actions) {
            gateway.record(new AccessLogEntry(
                    gateway.clock().instant(),
                    principal,
                    service.signingName(),
                    needed.action(),
                    needed.resource(),
                    false,
                    Optional.empty(),
                    reason,
                    enforce));
        }
        ResourceAction first = actions.getFirst();
        IamGateway.warnRefused(first.action() + " on " + first.resource() + " from " + who + ": " + reason, enforce);
    }

    /** What a person should check, beyond AWS's terse message. */
    private static String hint(Authenticator.Refused refused) {
        return switch (refused.refusal()) {
            case MISSING_SESSION_TOKEN ->
                " (no X-Amz-Security-Token: temporary credentials were used without their session token,"
                        + " e.g. a client built with AwsBasicCredentials from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY alone;"
                        + " use the default credentials chain, which reads AWS_SESSION_TOKEN)";
            case INVALID_SESSION_TOKEN -> " (the session token is not the one issued with this access key)";
            case UNKNOWN_ACCESS_KEY ->
                " (the access key " + refused.s3Details().getOrDefault("AWSAccessKeyId", "?")
                        + " was not issued by the local IAM gateway)";
            case SIGNATURE_MISMATCH -> " (the signature does not match the secret issued with the access key)";
            default -> "";
        };
    }
}
