package dev.aiblog.functions.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.aiblog.aws.AwsClients;
import dev.aiblog.aws.AwsWiring;
import dev.aiblog.core.config.Settings;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API function (API Gateway HTTP API, payload format 2.0): every route of {@link Route}. Clients are
 * built once per instance; each call is matched and answered by the {@link Router}.
 */
public final class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final Router router;

    /** For Lambda: configuration from the environment template.yaml sets. */
    public ApiHandler() {
        this(Settings.fromEnvironment());
    }

    public ApiHandler(Settings settings) {
        this(api(settings), settings.corsAllowOrigins(), links(settings));
    }

    public ApiHandler(BlogApi api, List<String> corsOrigins) {
        this(api, corsOrigins, Router.Links.NONE);
    }

    public ApiHandler(BlogApi api, List<String> corsOrigins, Router.Links links) {
        this.router = new Router(api, corsOrigins, links);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return router.handle(event);
    }

    private static BlogApi api(Settings settings) {
        AwsWiring aws = AwsWiring.of(settings);
        ImageUrls images = ImageUrls.presigned(AwsClients.s3Presigner(settings), settings.contentBucket(), settings.presignedUrlTtl());
        return new BlogApi(aws.intake(), aws.requests(), aws.posts(), aws.content(), images, new CursorCodec(cursorKey(aws)));
    }

    /** {@code PUBLIC_BASE_URL}, {@code WEB_APP_URL} and the bearer-token check for public routes ({@code JWT_*}). */
    static Router.Links links(Settings settings) {
        Map<String, String> env = settings.asMap();
        return new Router.Links(JwtVerifier.fromSettings(settings), nonBlank(env.get("PUBLIC_BASE_URL")),
                nonBlank(env.get("WEB_APP_URL")));
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip().replaceAll("/+$", ""));
    }

    private static byte[] cursorKey(AwsWiring aws) {
        return aws.settings().cursorSigningSecretId().map(id -> {
                    byte[] key = aws.secret(id).getBytes(StandardCharsets.UTF_8);
                    if (key.length < 16) {
                        throw new IllegalStateException("secret " + id + " (CURSOR_SIGNING_SECRET_ID) is shorter than 16 bytes");
                    }
                    return key;
                })
                .orElseGet(() -> {
                    LOG.warn("CURSOR_SIGNING_SECRET_ID is not set: feed cursors are signed with a key made for this process"
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
