package dev.aiblog.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.core.Json;
import dev.aiblog.local.LocalCloud;
import dev.aiblog.local.LocalRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** While {@code serve} holds the data folder, {@code generate} sends its request through the running server. */
class GenerateThroughServeTest {
    @TempDir
    Path home;

    @Test
    void generateUsesTheRunningServer() throws Exception {
        Path repository = repository();
        try (LocalRuntime serve = LocalRuntime.start(
                LocalCloud.Options.inMemory(repository).persistentAt(home.resolve("data")), 0, "serve-token", false)) {
            ServeFile.write(home, serve.url(), serve.token());

            AiblogHarness.Run run = AiblogHarness.run(
                    Map.of("AIBLOG_HOME", home.toString(), "AIBLOG_REPO", repository.toString()),
                    "generate",
                    "--json",
                    "Bread baking at altitude");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err())
                    .contains("using the running ./aiblog serve at " + serve.url())
                    .contains("request PUBLISHED");
            JsonNode result = Json.read(run.out(), JsonNode.class);
            assertThat(result.path("status").asText()).isEqualTo("PUBLISHED");
            assertThat(serve.cloud().blogs().find(result.path("post").path("id").asText()))
                    .isPresent();
        }
    }

    @Test
    void aServeFileWhoseServerDoesNotAnswerIsIgnored() {
        ServeFile.write(home, java.net.URI.create("http://127.0.0.1:9"), "t"); // this process is alive; nothing listens

        assertThat(ServeFile.running(home)).isEmpty();
    }

    private static Path repository() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no template.yaml above the working directory");
    }
}
