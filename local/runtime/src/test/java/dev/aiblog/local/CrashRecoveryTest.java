package dev.aiblog.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.local.openai.OpenAiDouble;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills {@code aiblog serve} (SIGKILL, a separate JVM) while requests are in flight, starts it again on the same
 * data, and checks that every request ends PUBLISHED, REJECTED or FAILED: none stays QUEUED or RUNNING.
 */
class CrashRecoveryTest {
    private static final String TOKEN = "crash-token";

    @TempDir
    Path home;

    @Test
    void noRequestIsLostWhenServeIsKilledMidFlight() throws Exception {
        try (OpenAiDouble openai = new OpenAiDouble()) {
            openai.delay(Duration.ofMillis(1500)); // slow model: requests are still in flight when the server dies
            Process serve = startServe(openai.baseUrl());
            List<String> requestIds = new ArrayList<>();
            try {
                URI base = awaitUrl(serve);
                for (int i = 0; i < 4; i++) {
                    Http.Response accepted = Http.send(
                            "POST", base.resolve("/blogs"), TOKEN, "{\"topic\":\"Crash test number " + i + "\"}");
                    assertThat(accepted.status()).isEqualTo(202);
                    requestIds.add(accepted.body().path("requestId").asText());
                }
                awaitAnyRunning(base, requestIds);
            } finally {
                serve.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }

            openai.delay(Duration.ZERO);
            try (LocalRuntime restarted = LocalRuntime.start(
                    LocalCloud.Options.inMemory(Repository.root())
                            .persistentAt(home.resolve("data"))
                            .withEnvironment(Map.of("OPENAI_BASE_URL", openai.baseUrl(), "OPENAI_API_KEY", "sk-test"))
                            .withTimeScale(0),
                    0,
                    TOKEN,
                    false)) {
                assertThat(restarted.recovery().restarted().size()
                                + restarted.recovery().requeued().size())
                        .as("requests re-driven after the crash")
                        .isPositive();
                for (String requestId : requestIds) {
                    JsonNode request =
                            LocalRuntimeTest.awaitTerminal(restarted.url(), requestId, TOKEN, Duration.ofSeconds(90));
                    assertThat(request.path("status").asText()).as(requestId).isEqualTo("PUBLISHED");
                }
            }
        }
    }

    /**
     * Ctrl-C and SIGTERM run the shutdown hook: requests in flight must stay RUNNING (not end FAILED with
     * {@code States.ExecutionABORTED} or a refused task), and the next start re-drives them to PUBLISHED.
     */
    @Test
    void aGracefulStopLeavesRequestsInFlightToTheNextStart_noneFailedForTheStop() throws Exception {
        try (OpenAiDouble openai = new OpenAiDouble()) {
            openai.delay(Duration.ofMillis(1500));
            Process serve = startServe(openai.baseUrl());
            List<String> requestIds = new ArrayList<>();
            try {
                URI base = awaitUrl(serve);
                for (int i = 0; i < 6; i++) {
                    Http.Response accepted = Http.send(
                            "POST", base.resolve("/blogs"), TOKEN, "{\"topic\":\"Graceful stop number " + i + "\"}");
                    assertThat(accepted.status()).isEqualTo(202);
                    requestIds.add(accepted.body().path("requestId").asText());
                }
                awaitAnyRunning(base, requestIds);
            } finally {
                serve.destroy(); // SIGTERM: the same shutdown hook as Ctrl-C
                assertThat(serve.waitFor(60, TimeUnit.SECONDS))
                        .as("serve stopped on SIGTERM")
                        .isTrue();
            }

            openai.delay(Duration.ZERO);
            try (LocalRuntime restarted = LocalRuntime.start(
                    LocalCloud.Options.inMemory(Repository.root())
                            .persistentAt(home.resolve("data"))
                            .withEnvironment(Map.of("OPENAI_BASE_URL", openai.baseUrl(), "OPENAI_API_KEY", "sk-test"))
                            .withTimeScale(0),
                    0,
                    TOKEN,
                    false)) {
                for (String requestId : requestIds) {
                    JsonNode request =
                            LocalRuntimeTest.awaitTerminal(restarted.url(), requestId, TOKEN, Duration.ofSeconds(90));
                    assertThat(request.path("status").asText())
                            .as(requestId + ": " + request.path("reason").asText())
                            .isEqualTo("PUBLISHED");
                }
            }
        }
    }

    private Process startServe(String openAiBaseUrl) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-Djava.awt.headless=true",
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.aiblog.local.cli.Aiblog",
                        "serve",
                        "--port",
                        "0")
                .redirectErrorStream(true);
        builder.environment()
                .putAll(Map.of(
                        "AIBLOG_HOME",
                        home.toString(),
                        "AIBLOG_REPO",
                        Repository.root().toString(),
                        "AIBLOG_DEV_TOKEN",
                        TOKEN,
                        "AIBLOG_TIME_SCALE",
                        "0",
                        "OPENAI_BASE_URL",
                        openAiBaseUrl,
                        "OPENAI_API_KEY",
                        "sk-test"));
        return builder.start();
    }

    private static URI awaitUrl(Process serve) throws Exception {
        Pattern ready = Pattern.compile("AI Blog Generator API: (http://\\S+)");
        BufferedReader lines =
                new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<URI> url = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Matcher m = ready.matcher(line);
                    if (m.find()) {
                        URI found = URI.create(m.group(1));
                        Thread.ofVirtual().start(() -> lines.lines().forEach(l -> {})); // keep draining
                        return found;
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            throw new IllegalStateException("serve exited before printing its URL");
        });
        return url.get(120, TimeUnit.SECONDS);
    }

    private static void awaitAnyRunning(URI base, List<String> requestIds) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            for (String id : requestIds) {
                if ("RUNNING"
                        .equals(Http.get(base.resolve("/requests/" + id), TOKEN)
                                .path("status")
                                .asText())) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no request started running before the crash");
    }
}
