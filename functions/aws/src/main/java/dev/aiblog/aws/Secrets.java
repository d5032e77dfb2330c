package dev.aiblog.aws;

import dev.aiblog.core.config.Settings;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads a secret from Secrets Manager once, when a function starts: deployed from AWS, locally from the runtime's
 * Secrets Manager, through the same call and the same role check. Needs the Secrets Manager SDK on the classpath
 * (an optional dependency of core: the functions that read secrets declare it).
 */
public final class Secrets {
    private Secrets() {}

    /**
     * The secret's string value, stripped.
     *
     * @param secretId the name or ARN the template gives the function
     * @throws IllegalStateException naming the secret when it is empty
     */
    public static String secretString(Settings settings, String secretId) {
        try (SecretsManagerClient secrets = AwsClients.configure(
                        SecretsManagerClient.builder(), settings, "SECRETS_MANAGER")
                .build()) {
            String value = secrets.getSecretValue(b -> b.secretId(secretId)).secretString();
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("secret " + secretId + " has no SecretString");
            }
            return value.strip();
        }
    }
}
