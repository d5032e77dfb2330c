package dev.aiblog.core.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the functions read from their environment, read once. In Lambda the map is
 * {@link System#getenv()}, filled from template.yaml; locally the runtime builds the same map from the
 * same template, with the emulators' endpoints added.
 */
public final class Settings {
    private final Map<String, String> env;

    private Settings(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static Settings fromEnvironment() {
        return new Settings(System.getenv());
    }

    public static Settings of(Map<String, String> env) {
        return new Settings(env);
    }

    public Map<String, String> asMap() {
        return env;
    }

    public String requestsTable() {
        return required("REQUESTS_TABLE");
    }

    public String blogsTable() {
        return required("BLOGS_TABLE");
    }

    public String idempotencyTable() {
        return required("IDEMPOTENCY_TABLE");
    }

    public String contentBucket() {
        return required("CONTENT_BUCKET");
    }

    public String textModel() {
        return get("TEXT_MODEL").orElse("gpt-4.1-mini");
    }

    public String imageModel() {
        return get("IMAGE_MODEL").orElse("gpt-image-1");
    }

    public String moderationModel() {
        return get("MODERATION_MODEL").orElse("omni-moderation-latest");
    }

    public String imageSize() {
        return get("IMAGE_SIZE").orElse("1024x1024");
    }

    public String imageQuality() {
        return get("IMAGE_QUALITY").orElse("low");
    }

    public long maxOutputTokens() {
        return positiveLong("MAX_OUTPUT_TOKENS", 4000);
    }

    /** The model request timeout; template.yaml keeps it below the model functions' timeout. */
    public Duration modelTimeout() {
        return Duration.ofSeconds(positiveLong("MODEL_TIMEOUT_SECONDS", 60));
    }

    public Optional<String> openAiApiKey() {
        return get("OPENAI_API_KEY");
    }

    public Optional<String> openAiApiKeySecretId() {
        return get("OPENAI_API_KEY_SECRET_ID");
    }

    public Optional<String> openAiBaseUrl() {
        return get("OPENAI_BASE_URL");
    }

    public String awsRegion() {
        return get("AWS_REGION").orElse("us-east-1");
    }

    /** An endpoint override for every AWS client (emulators, LocalStack); the SDK honours it natively too. */
    public Optional<URI> awsEndpoint() {
        return get("AWS_ENDPOINT_URL").map(URI::create);
    }

    /** Per-service override, e.g. {@code AWS_ENDPOINT_URL_DYNAMODB}, as the SDK names them. */
    public Optional<URI> awsEndpoint(String service) {
        return get("AWS_ENDPOINT_URL_" + service).map(URI::create).or(this::awsEndpoint);
    }

    /** Static credentials when the map carries them (the local runtime); otherwise the SDK's default chain. */
    public Optional<Map.Entry<String, String>> staticCredentials() {
        return get("AWS_ACCESS_KEY_ID").flatMap(id -> get("AWS_SECRET_ACCESS_KEY").map(secret -> Map.entry(id, secret)));
    }

    public Optional<String> get(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String required(String name) {
        return get(name).orElseThrow(() -> new IllegalStateException(
                "environment variable " + name + " is not set (template.yaml sets it for every function)"));
    }

    private long positiveLong(String name, long fallback) {
        Optional<String> raw = get(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.get());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalStateException("environment variable " + name + " must be a positive whole number, was '" + raw.get() + "'");
    }
}
