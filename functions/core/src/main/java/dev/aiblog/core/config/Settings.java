package dev.aiblog.core.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
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

    /** The Ledger table: each post's cost and each month's total ({@code LEDGER_TABLE}). */
    public String ledgerTable() {
        return required("LEDGER_TABLE");
    }

    /** {@code MONTHLY_BUDGET_USD}: the most a month may spend on models; empty (the default) means no limit. */
    public Optional<java.math.BigDecimal> monthlyBudgetUsd() {
        Optional<String> raw = get("MONTHLY_BUDGET_USD");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            java.math.BigDecimal value = new java.math.BigDecimal(raw.get());
            if (value.signum() >= 0) {
                return Optional.of(value);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalStateException(
                "environment variable MONTHLY_BUDGET_USD must be an amount in USD (e.g. 25 or 7.50), or empty for no limit, was '"
                        + raw.get() + "'");
    }

    /** {@code DAILY_POSTS_PER_USER}: how many posts one user may ask for per UTC day (default 20). */
    public int dailyPostsPerUser() {
        return (int) Math.min(positiveLong("DAILY_POSTS_PER_USER", 20), 100_000);
    }

    /** The requests queue the API and the schedule send to; its messages are the state machine's execution input. */
    public String requestsQueueUrl() {
        return required("REQUESTS_QUEUE_URL");
    }

    /** The blog pipeline the dispatcher starts executions of. */
    public String stateMachineArn() {
        return required("STATE_MACHINE_ARN");
    }

    /**
     * The Secrets Manager secret (name or ARN) holding the key the API signs feed cursors with. Every instance of
     * the API function shares it; template.yaml generates it. Without one a key is made per process, so cursors do
     * not survive a restart.
     */
    public Optional<String> cursorSigningSecretId() {
        return get("CURSOR_SIGNING_SECRET_ID");
    }

    /** How long a presigned image URL handed out by the API stays valid. */
    public Duration presignedUrlTtl() {
        return Duration.ofSeconds(positiveLong("PRESIGNED_URL_TTL_SECONDS", 900));
    }

    /** How long an {@code Idempotency-Key} is remembered. */
    public Duration idempotencyTtl() {
        return Duration.ofHours(positiveLong("IDEMPOTENCY_TTL_HOURS", 24));
    }

    /** Origins the API answers CORS preflights for when no API Gateway stands in front (local use). */
    public List<String> corsAllowOrigins() {
        return list("CORS_ALLOW_ORIGINS");
    }

    /** The themes scheduled posts are drawn from (comma-separated). */
    public List<String> scheduleThemes() {
        return list("SCHEDULE_THEMES");
    }

    public int scheduledPostsPerTick() {
        return (int) Math.min(positiveLong("SCHEDULED_POSTS_PER_TICK", 1), 50);
    }

    /** How many of the newest post titles a scheduled topic is compared with. */
    public int scheduleRecentTitles() {
        return (int) Math.min(positiveLong("SCHEDULE_RECENT_TITLES", 30), 200);
    }

    /** Token similarity (0..1) from which a scheduled topic counts as too close to a recent title. */
    public double scheduleSimilarityThreshold() {
        Optional<String> raw = get("SCHEDULE_SIMILARITY_THRESHOLD");
        if (raw.isEmpty()) {
            return 0.5;
        }
        try {
            double value = Double.parseDouble(raw.get());
            if (value > 0 && value <= 1) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalStateException(
                "environment variable SCHEDULE_SIMILARITY_THRESHOLD must be a number in (0, 1], was '" + raw.get()
                        + "'");
    }

    /** The owner recorded on requests the schedule makes. */
    public String scheduleOwner() {
        return get("SCHEDULE_OWNER").orElse("scheduler");
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

    public Optional<String> get(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String required(String name) {
        return get(name)
                .orElseThrow(() -> new IllegalStateException(
                        "environment variable " + name + " is not set (template.yaml sets it for every function)"));
    }

    private List<String> list(String name) {
        return get(name).stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .toList();
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
        throw new IllegalStateException(
                "environment variable " + name + " must be a positive whole number, was '" + raw.get() + "'");
    }
}
