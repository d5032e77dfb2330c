package dev.aiblog.local.cli;

import dev.aiblog.asl.HistoryListener;
import dev.aiblog.local.LocalCloud;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local runtime's configuration, from the environment: where the repository and the data live, which model
 * provider to use, the time scale, and the dev token.
 */
record LocalConfig(
        Path repository,
        Path home,
        Map<String, String> functionEnvironment,
        double timeScale,
        String token,
        boolean enforceIam,
        Map<String, String> parameters,
        java.util.Set<String> editors) {
    /** Variables passed through to the functions when set. */
    static final List<String> PASS_THROUGH = List.of(
            "OPENAI_API_KEY",
            "OPENAI_BASE_URL",
            "TEXT_MODEL",
            "IMAGE_MODEL",
            "MODERATION_MODEL",
            "IMAGE_SIZE",
            "IMAGE_QUALITY",
            "MAX_OUTPUT_TOKENS",
            "MODEL_TIMEOUT_SECONDS",
            "PRICE_TABLE",
            "PUBLIC_BASE_URL",
            "WEB_APP_URL",
            "MONTHLY_BUDGET_USD",
            "DAILY_POSTS_PER_USER");

    static LocalConfig fromEnvironment(Map<String, String> env) {
        Path repository =
                Optional.ofNullable(env.get("AIBLOG_REPO")).map(Path::of).orElseGet(LocalConfig::findRepository);
        Path home = Optional.ofNullable(env.get("AIBLOG_HOME"))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .orElse(repository.resolve(".aiblog"));
        Map<String, String> functionEnv = new LinkedHashMap<>();
        PASS_THROUGH.forEach(name ->
                Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank()).ifPresent(v -> functionEnv.put(name, v)));
        double scale = parseScale(env.getOrDefault("AIBLOG_TIME_SCALE", "1"));
        String token = Optional.ofNullable(env.get("AIBLOG_DEV_TOKEN"))
                .filter(s -> !s.isBlank())
                .orElseGet(() -> storedToken(home));
        return new LocalConfig(
                repository,
                home,
                functionEnv,
                scale,
                token,
                iam(env.getOrDefault("AIBLOG_IAM", "on")),
                parameters(env),
                editors(env.getOrDefault("AIBLOG_EDITORS", "")));
    }

    /**
     * Template parameters set from the environment: {@code REVIEW_MODE} ({@code ReviewMode}: OFF or REQUIRED) and
     * {@code REVIEW_TIMEOUT_SECONDS} ({@code ReviewTimeoutSeconds}), as {@code sam deploy --parameter-overrides}
     * would set them.
     */
    static Map<String, String> parameters(Map<String, String> env) {
        Map<String, String> parameters = new LinkedHashMap<>();
        Optional.ofNullable(env.get("REVIEW_MODE"))
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .ifPresent(mode -> {
                    String upper = mode.toUpperCase(java.util.Locale.ROOT);
                    if (!upper.equals("OFF") && !upper.equals("REQUIRED")) {
                        throw new IllegalArgumentException("REVIEW_MODE must be OFF or REQUIRED, was '" + mode + "'");
                    }
                    parameters.put("ReviewMode", upper);
                });
        Optional.ofNullable(env.get("REVIEW_TIMEOUT_SECONDS"))
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .ifPresent(raw -> {
                    if (!raw.matches("[0-9]{1,7}") || Long.parseLong(raw) < 1 || Long.parseLong(raw) > 2_592_000) {
                        throw new IllegalArgumentException(
                                "REVIEW_TIMEOUT_SECONDS must be a whole number of seconds from 1 to 2592000 (30 days),"
                                        + " was '" + raw + "'");
                    }
                    parameters.put("ReviewTimeoutSeconds", raw);
                });
        return parameters;
    }

    /** {@code AIBLOG_EDITORS=alice,bob}: the dev-token users in the group editors. */
    static java.util.Set<String> editors(String raw) {
        java.util.Set<String> editors = new java.util.LinkedHashSet<>();
        for (String user : raw.split(",")) {
            if (!user.isBlank()) {
                editors.add(user.strip());
            }
        }
        return editors;
    }

    /** {@code AIBLOG_IAM=off} (or {@code serve --no-iam}) lets calls outside a role through, logged: for debugging only. */
    private static boolean iam(String raw) {
        return switch (raw.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true", "1", "" -> true;
            case "off", "false", "0" -> false;
            default -> throw new IllegalArgumentException("AIBLOG_IAM must be on or off, was '" + raw + "'");
        };
    }

    LocalConfig withoutIam() {
        return new LocalConfig(repository, home, functionEnvironment, timeScale, token, false, parameters, editors);
    }

    LocalCloud.Options options(HistoryListener listener) {
        return LocalCloud.Options.inMemory(repository)
                .persistentAt(home.resolve("data"))
                .withEnvironment(functionEnvironment)
                .withTimeScale(timeScale)
                .withListener(listener)
                .withIam(enforceIam)
                .withParameters(parameters)
                .withEditors(editors);
    }

    /** Says which provider writes the posts, and that the offline one writes placeholders. */
    String providerLine() {
        if (functionEnvironment.containsKey("OPENAI_API_KEY")) {
            return "provider: OpenAI"
                    + Optional.ofNullable(functionEnvironment.get("OPENAI_BASE_URL"))
                            .map(u -> " at " + u)
                            .orElse("");
        }
        if (functionEnvironment.containsKey("OPENAI_BASE_URL")) {
            return "provider: OpenAI-compatible server at " + functionEnvironment.get("OPENAI_BASE_URL");
        }
        return "provider: OFFLINE (no OPENAI_API_KEY or OPENAI_BASE_URL): posts are labelled placeholders, not model output";
    }

    private static double parseScale(String raw) {
        try {
            double value = Double.parseDouble(raw.trim());
            if (value >= 0 && Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(
                "AIBLOG_TIME_SCALE must be a number >= 0 (1 = real time, 0.01 = 100x faster), was '" + raw + "'");
    }

    private static Path findRepository() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("statemachine"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run aiblog inside the repository (no template.yaml found above "
                + Path.of("").toAbsolutePath() + ")");
    }

    /** A random token kept in the data folder, so the app keeps working across restarts. */
    private static String storedToken(Path home) {
        Path file = home.resolve("dev-token");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(home);
            byte[] bytes = new byte[16];
            new SecureRandom().nextBytes(bytes);
            String token = "dev-" + HexFormat.of().formatHex(bytes);
            Files.writeString(file, token);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the dev token in " + file, e);
        }
    }
}
