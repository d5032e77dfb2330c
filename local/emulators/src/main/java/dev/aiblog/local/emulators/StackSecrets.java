package dev.aiblog.local.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.local.iam.LocalSecretsManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The template's {@code AWS::SecretsManager::Secret} resources, created in the local Secrets Manager: a
 * {@code GenerateSecretString} secret gets a random value of the declared length and alphabet, kept in the data
 * folder so that what was signed with it (feed cursors) survives a restart, as the deployed secret does.
 */
final class StackSecrets {
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String DIGITS = "0123456789";
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static final SecureRandom RANDOM = new SecureRandom();

    private StackSecrets() {}

    /** Creates every secret the template declares; logical id → ARN (what {@code !Ref} gives for a secret). */
    static Map<String, String> create(
            Map<String, JsonNode> secrets, LocalSecretsManager manager, Optional<Path> dataDirectory) {
        Map<String, String> arns = new LinkedHashMap<>();
        secrets.forEach((logicalId, properties) -> {
            String value = properties.has("SecretString")
                            && properties.get("SecretString").isTextual()
                    ? properties.get("SecretString").asText()
                    : dataDirectory
                            .map(dir -> stored(dir.resolve("secrets").resolve(logicalId), properties))
                            .orElseGet(() -> generate(properties.path("GenerateSecretString")));
            String name = properties.path("Name").isTextual()
                    ? properties.get("Name").asText()
                    : ProvisionedResources.LOCAL_STACK_NAME + "-" + logicalId;
            arns.put(logicalId, manager.create(name, value));
        });
        return arns;
    }

    private static String stored(Path file, JsonNode properties) {
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file);
            }
            String value = generate(properties.path("GenerateSecretString"));
            Files.createDirectories(file.getParent());
            Files.writeString(file, value);
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the generated secret in " + file, e);
        }
    }

    /** What Secrets Manager's GenerateSecretString makes, for the options a template sets (default: 32 characters of every class). */
    static String generate(JsonNode options) {
        if (options.has("SecretStringTemplate") || options.has("GenerateStringKey")) {
            throw new TemplateException(
                    "GenerateSecretString with SecretStringTemplate/GenerateStringKey is not generated locally");
        }
        int length = options.path("PasswordLength").asInt(32);
        StringBuilder alphabet = new StringBuilder();
        if (!options.path("ExcludeUppercase").asBoolean(false)) {
            alphabet.append(LETTERS, 0, 26);
        }
        if (!options.path("ExcludeLowercase").asBoolean(false)) {
            alphabet.append(LETTERS, 26, 52);
        }
        if (!options.path("ExcludeNumbers").asBoolean(false)) {
            alphabet.append(DIGITS);
        }
        if (!options.path("ExcludePunctuation").asBoolean(false)) {
            alphabet.append(PUNCTUATION);
        }
        String exclude = options.path("ExcludeCharacters").asText("");
        String chars = alphabet.chars()
                .filter(c -> exclude.indexOf(c) < 0)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(chars.charAt(RANDOM.nextInt(chars.length())));
        }
        return value.toString();
    }
}
