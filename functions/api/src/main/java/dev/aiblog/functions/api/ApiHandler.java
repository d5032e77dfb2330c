package dev.aiblog.functions.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.aiblog.aws.AwsClients;
import dev.aiblog.aws.AwsWiring;
import dev.aiblog.core.Json;
import dev.aiblog.core.config.Settings;
import dev.aiblog.core.lambda.LambdaLogs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API function (API Gateway HTTP API, payload format 2.0): every route of {@link Route}. A stream
 * handler: the event is read and the answer written by the project's one Jackson mapper, not by the Lambda
 * runtime's event serialiser (which would load joda-time and the event library on every cold start). Each client
 * is built once per instance, when a route first needs it.
 *
 * <p>With SnapStart, the runtime snapshots the instance after initialisation; before it does,
 * {@link #beforeCheckpoint} primes the feed path (one read-only query, a presigned URL, a cursor, the JSON of an
 * answer), so restored instances start with those classes loaded and that code compiled. On an ordinary JVM the
 * {@code org.crac} hooks never run.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html">SnapStart runtime hooks</a>
 */
public final class ApiHandler implements RequestStreamHandler, Resource {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final Router router;
    private final Runnable warmClients;

    /** For Lambda: configuration from the environment template.yaml sets. */
    public ApiHandler() {
        this(Settings.fromEnvironment());
    }

    public ApiHandler(Settings settings) {
        this(new Wiring(settings));
    }

    private ApiHandler(Wiring wiring) {
        this(
                new Router(
                        wiring.api(),
                        wiring.reviews(),
                        wiring.aws.settings().corsAllowOrigins(),
                        links(wiring.aws.settings())),
                wiring::buildAll);
    }

    public ApiHandler(BlogApi api, List<String> corsOrigins) {
        this(api, corsOrigins, Router.Links.NONE);
    }

    public ApiHandler(BlogApi api, List<String> corsOrigins, Router.Links links) {
        this(new Router(api, corsOrigins, links), () -> {});
    }

    public ApiHandler(BlogApi api, ReviewApi reviews, List<String> corsOrigins, Router.Links links) {
        this(new Router(api, reviews, corsOrigins, links), () -> {});
    }

    private ApiHandler(Router router, Runnable warmClients) {
        this.router = router;
        this.warmClients = warmClients;
        Core.getGlobalContext().register(this);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApiEvent event = Json.mapper().readValue(input, HttpApiEvent.class);
        byte[] response = LambdaLogs.around(context, () -> Json.writeBytes(handle(event)));
        output.write(response);
    }

    /** One request, typed: what {@link #handleRequest} does between the bytes. */
    public HttpApiResponse handle(HttpApiEvent event) {
        return router.handle(event);
    }

    /**
     * Runs the feed path once and builds every client, making no call that writes: a {@code GET /feed?limit=1}
     * (one DynamoDB Query of the Feed index, which the role allows, and a presigned URL signed locally), the
     * stream handler's JSON both ways, and a submission's input checks without submitting it.
     *
     * @return the primed feed request's status (200 when the feed answered)
     */
    int prime() {
        warmClients.run();
        String event =
                "{\"version\":\"2.0\",\"routeKey\":\"GET /feed\",\"rawPath\":\"/feed\",\"rawQueryString\":\"limit=1\","
                        + "\"headers\":{\"accept\":\"application/json\"},\"queryStringParameters\":{\"limit\":\"1\"},\"isBase64Encoded\":false,"
                        + "\"requestContext\":{\"stage\":\"$default\",\"requestId\":\"prime\",\"http\":{\"method\":\"GET\",\"path\":\"/feed\"}}}";
        HttpApiResponse feed = handle(Json.read(event, HttpApiEvent.class));
        Json.mapper().valueToTree(feed);
        Inputs.submission(Optional.of("{\"topic\":\"priming the API\",\"tone\":\"playful\",\"length\":\"short\"}"));
        return feed.statusCode();
    }

    /** SnapStart: prime before the snapshot is taken. A failure is logged, not thrown: priming is an optimisation. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            int status = prime();
            LOG.info("primed the feed path before the snapshot (GET /feed -> {})", status);
        } catch (RuntimeException e) {
            LOG.warn("priming before the snapshot failed; the snapshot is taken unprimed: {}", e.toString());
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew: clients resolve credentials per call, and the JDK opens new connections as needed
    }

    /** The Lambda wiring: the ports of {@link AwsWiring} (each made on first use), the image URLs and the cursor key. */
    private static final class Wiring {
        final AwsWiring aws;
        final Lazy<ImageUrls> images;
        final Lazy<CursorCodec> cursors;
        final Lazy<dev.aiblog.core.ports.TaskTokens> taskTokens;

        Wiring(Settings settings) {
            aws = AwsWiring.of(settings);
            images = Lazy.of(() -> ImageUrls.presigned(
                    AwsClients.s3Presigner(settings),
                    settings.contentBucket(),
                    settings.presignedUrlTtl(),
                    Clock.systemUTC()));
            cursors = Lazy.of(() -> new CursorCodec(cursorKey(aws)));
            taskTokens = Lazy.of(aws::taskTokens);
            // the key is read at start-up, as before: a missing or short secret stops the instance, not a request
            cursors.get();
        }

        BlogApi api() {
            return BlogApi.of(aws::intake, aws::requests, aws::posts, aws::content, images, cursors);
        }

        ReviewApi reviews() {
            return ReviewApi.of(
                    aws::reviews,
                    aws::requests,
                    aws::content,
                    images,
                    cursors,
                    taskTokens,
                    Clock.systemUTC(),
                    dev.aiblog.core.metrics.Metrics.forFunction(aws.settings()));
        }

        void buildAll() {
            aws.intake();
            aws.posts();
            aws.content();
            images.get();
        }
    }

    /** {@code PUBLIC_BASE_URL}, {@code WEB_APP_URL} and the bearer-token check for public routes ({@code JWT_*}). */
    static Router.Links links(Settings settings) {
        Map<String, String> env = settings.asMap();
        return new Router.Links(
                JwtVerifier.fromSettings(settings),
                nonBlank(env.get("PUBLIC_BASE_URL")),
                nonBlank(env.get("WEB_APP_URL")));
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank()
                ? Optional.empty()
                : Optional.of(value.strip().replaceAll("/+$", ""));
    }

    private static byte[] cursorKey(AwsWiring aws) {
        return aws.settings()
                .cursorSigningSecretId()
                .map(id -> {
                    byte[] key = aws.secret(id).getBytes(StandardCharsets.UTF_8);
                    if (key.length < 16) {
                        throw new IllegalStateException(
                                "secret " + id + " (CURSOR_SIGNING_SECRET_ID) is shorter than 16 bytes");
                    }
                    return key;
                })
                .orElseGet(() -> {
                    LOG.warn(
                            "CURSOR_SIGNING_SECRET_ID is not set: feed cursors are signed with a key made for this process"
                                    + " and stop working when it ends");
                    return ProcessKey.KEY.clone();
                });
    }

    /** One random key per process, made on first use. */
    private static final class ProcessKey {
        static final byte[] KEY = random();

        private static byte[] random() {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return key;
        }
    }
}
