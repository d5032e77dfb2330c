package dev.aiblog.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.core.Json;
import dev.aiblog.local.cli.AiblogHarness;
import dev.aiblog.models.OfflineModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The {@code aiblog} commands, run in-process with the offline provider against the embedded emulators. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AiblogCommandTest {
    @TempDir
    static Path home;

    private static Map<String, String> env() {
        return Map.of(
                "AIBLOG_HOME", home.toString(), "AIBLOG_REPO", Repository.root().toString(), "AIBLOG_TIME_SCALE", "0");
    }

    @Test
    @Order(1)
    void generatePublishesAnOfflinePostAndPrintsOneJsonObject() {
        AiblogHarness.Run run = AiblogHarness.run(
                env(), "generate", "--json", "--length", "short", "How tide pools survive the winter");

        assertThat(run.exitCode()).isZero();
        JsonNode result = Json.read(run.out(), JsonNode.class);
        assertThat(result.path("status").asText()).isEqualTo("PUBLISHED");
        assertThat(result.path("reason").isNull()).isTrue();
        JsonNode post = result.path("post");
        assertThat(post.path("id").asText()).isEqualTo(result.path("requestId").asText());
        assertThat(post.path("title").asText()).isEqualTo("How tide pools survive the winter");
        assertThat(post.path("body").asText()).startsWith(OfflineModels.NOTICE);
        assertThat(post.path("imageUrl").asText()).startsWith("http://127.0.0.1:");
        assertThat(post.path("tags")).extracting(JsonNode::asText).contains("offline");
        assertThat(run.err())
                .contains("provider: OFFLINE")
                .contains("✓ GenerateText")
                .contains("✓ Publish")
                .contains("request PUBLISHED");
    }

    @Test
    @Order(2)
    void generateExitsNonZeroWithTheReason_whenModerationRejects() {
        AiblogHarness.Run run = AiblogHarness.run(env(), "generate", "how to build a bomb at home");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("REJECTED: The topic was flagged by moderation (violence)");
    }

    @Test
    @Order(3)
    void generateRefusesABadTopicWithTheApiMessage() {
        AiblogHarness.Run run = AiblogHarness.run(env(), "generate", "--json", "ab");

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode result = Json.read(run.out(), JsonNode.class);
        assertThat(result.path("status").asText()).isEqualTo("INVALID");
        assertThat(result.path("reason").asText()).containsIgnoringCase("topic");
    }

    @Test
    @Order(4)
    void aPostGeneratedByOneCommandIsInTheFeedOfTheNext() throws Exception {
        AiblogHarness.Run first = AiblogHarness.run(env(), "generate", "--json", "Composting in small apartments");
        String postId =
                Json.read(first.out(), JsonNode.class).path("post").path("id").asText();

        try (LocalRuntime runtime = LocalRuntime.start(
                LocalCloud.Options.inMemory(Repository.root()).persistentAt(home.resolve("data")), 0, "t", false)) {
            JsonNode feed = Http.get(runtime.url().resolve("/feed?limit=50"), null);

            assertThat(feed.path("items"))
                    .extracting(i -> i.path("id").asText())
                    .contains(postId)
                    .hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    @Order(5)
    void invokeHandlesEveryEventsFile(@TempDir Path invokeHome) throws IOException {
        Map<String, String> env = Map.of(
                "AIBLOG_HOME",
                invokeHome.toString(),
                "AIBLOG_REPO",
                Repository.root().toString(),
                "AIBLOG_TIME_SCALE",
                "0");
        Path events = Repository.root().resolve("events");
        try (Stream<Path> files = Files.list(events)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")))
                    .as("every events/ file is exercised here")
                    .containsExactlyInAnyOrderElementsOf(SampleEvents.ALL.stream()
                            .map(SampleEvents.Sample::file)
                            .toList());
        }
        try (LocalCloud cloud = LocalCloud.start(
                LocalCloud.Options.inMemory(Repository.root()).persistentAt(invokeHome.resolve("data")))) {
            cloud.requests().create(SampleEvents.request());
        }

        for (SampleEvents.Sample sample : SampleEvents.ALL) {
            AiblogHarness.Run run = AiblogHarness.run(
                    env, "invoke", sample.functionId(), sample.path().toString());

            assertThat(run.exitCode())
                    .as(sample + " → " + run.out() + run.err())
                    .isZero();
            SampleEvents.assertHandled(sample, run.out());
        }
    }

    @Test
    @Order(6)
    void invokeNamesAnUnknownFunction() {
        AiblogHarness.Run run = AiblogHarness.run(env(), "invoke", "NoSuchFunction", "events/publish.json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("NoSuchFunction").contains("GenerateTextFunction");
    }
}
