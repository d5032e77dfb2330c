package dev.aiblog.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * An in-process Secrets Manager for the gateway: secrets created at start by the local runtime,
 * read by functions with {@code GetSecretValue} and {@code DescribeSecret} over the JSON 1.1
 * protocol, found by name, full ARN, or partial ARN (without the six-character suffix). Nothing is
 * persisted.
 *
 * @see <a href="https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html">GetSecretValue</a>
 */
public final class LocalSecretsManager implements InProcessService {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String TARGET_PREFIX = "secretsmanager.";
    private static final String NOT_FOUND = "Secrets Manager can't find the specified secret.";

    private record Secret(String name, String arn, String secretString, String versionId, Instant createdDate) {}

    private final Map<String, Secret> byName = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public LocalSecretsManager() {
        this(Clock.systemUTC());
    }

    public LocalSecretsManager(Clock clock) {
        this.clock = clock;
    }

    /**
     * Creates a secret, as {@code CreateSecret} with a {@code SecretString} does.
     *
     * @return its full ARN, {@code arn:aws:secretsmanager:us-east-1:000000000000:secret:<name>-<6 characters>}
     * @throws IllegalArgumentException for a name Secrets Manager would refuse
     * @throws IllegalStateException if a secret with that name exists
     */
    public String create(String name, String secretString) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "a secret name is 1 to 512 characters of letters, digits and /_+=.@-, got '" + name + "'");
        }
        if (secretString == null) {
            throw new IllegalArgumentException("the secret " + name + " needs a SecretString");
        }
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            suffix.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        Secret secret = new Secret(
                name,
                Arns.partialSecret(name) + "-" + suffix,
                secretString,
                UUID.randomUUID().toString(),
                clock.instant());
        if (byName.putIfAbsent(name, secret) != null) {
            throw new IllegalStateException("a secret named " + name + " already exists (ResourceExistsException)");
        }
        return secret.arn();
    }

    /** The value of the secret a SecretId (name, full ARN or partial ARN) names, as GetSecretValue answers it. */
    public String secretString(String secretId) {
        return find(secretId)
                .map(Secret::secretString)
                .orElseThrow(
                        () -> new IllegalArgumentException("no secret " + secretId + " (ResourceNotFoundException)"));
    }

    /** The full ARN of the secret a SecretId (name, full ARN or partial ARN) names. */
    public Optional<String> arnOf(String secretId) {
        return find(secretId).map(Secret::arn);
    }

    private Optional<Secret> find(String secretId) {
        if (secretId == null) {
            return Optional.empty();
        }
        if (!secretId.startsWith("arn:")) {
            return Optional.ofNullable(byName.get(secretId));
        }
        for (Secret secret : byName.values()) {
            if (secret.arn().equals(secretId)
                    || Arns.partialSecret(secret.name()).equals(secretId)) {
                return Optional.of(secret);
            }
        }
        return Optional.empty();
    }

    @Override
    public ServiceResponse handle(AwsRequest request, Optional<Principal> caller) {
        String target = request.header("x-amz-target").orElse("");
        String operation = target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : target;
        JsonNode body;
        try {
            body = request.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(request.body());
        } catch (IOException e) {
            return error("SerializationException", "the request body is not JSON: " + e.getMessage());
        }
        return switch (operation) {
            case "GetSecretValue" -> getSecretValue(body);
            case "DescribeSecret" -> describeSecret(body);
            default ->
                error(
                        "UnknownOperationException",
                        "LocalSecretsManager answers GetSecretValue and DescribeSecret; " + operation
                                + " is not implemented locally");
        };
    }

    private ServiceResponse getSecretValue(JsonNode body) {
        Optional<Secret> found = find(body.path("SecretId").asText(null));
        if (found.isEmpty()) {
            return error("ResourceNotFoundException", NOT_FOUND);
        }
        Secret secret = found.get();
        String versionId = body.path("VersionId").asText(null);
        if (versionId != null && !versionId.equals(secret.versionId())) {
            return error(
                    "ResourceNotFoundException",
                    "Secrets Manager can't find the specified secret value for VersionId: " + versionId);
        }
        String stage = body.path("VersionStage").asText(null);
        if (stage != null && !stage.equals("AWSCURRENT")) {
            return error(
                    "ResourceNotFoundException",
                    "Secrets Manager can't find the specified secret value for staging label: " + stage);
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("ARN", secret.arn());
        out.put("Name", secret.name());
        out.put("VersionId", secret.versionId());
        out.put("SecretString", secret.secretString());
        out.putArray("VersionStages").add("AWSCURRENT");
        out.put("CreatedDate", epochSeconds(secret.createdDate()));
        return ok(out);
    }

    private ServiceResponse describeSecret(JsonNode body) {
        Optional<Secret> found = find(body.path("SecretId").asText(null));
        if (found.isEmpty()) {
            return error("ResourceNotFoundException", NOT_FOUND);
        }
        Secret secret = found.get();
        ObjectNode out = JSON.createObjectNode();
        out.put("ARN", secret.arn());
        out.put("Name", secret.name());
        out.put("LastChangedDate", epochSeconds(secret.createdDate()));
        out.putObject("VersionIdsToStages").putArray(secret.versionId()).add("AWSCURRENT");
        out.put("CreatedDate", epochSeconds(secret.createdDate()));
        return ok(out);
    }

    /** Secrets Manager's JSON timestamps are epoch seconds with milliseconds as a fraction. */
    private static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
    }

    private static ServiceResponse ok(ObjectNode body) {
        return new ServiceResponse(
                200,
                Map.of(
                        "Content-Type",
                        AwsService.SECRETS_MANAGER.contentType(),
                        "x-amzn-RequestId",
                        UUID.randomUUID().toString()),
                body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static ServiceResponse error(String type, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", type);
        body.put("Message", message);
        return new ServiceResponse(
                400,
                Map.of(
                        "Content-Type",
                        AwsService.SECRETS_MANAGER.contentType(),
                        "x-amzn-RequestId",
                        UUID.randomUUID().toString(),
                        "x-amzn-ErrorType",
                        type),
                body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
