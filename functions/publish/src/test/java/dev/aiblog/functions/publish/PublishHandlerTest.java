package dev.aiblog.functions.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiblog.core.config.PriceTable;
import dev.aiblog.core.config.Settings;
import dev.aiblog.core.errors.NotFoundException;
import dev.aiblog.core.memory.InMemoryContent;
import dev.aiblog.core.memory.InMemoryLedger;
import dev.aiblog.core.memory.InMemoryPosts;
import dev.aiblog.core.memory.InMemoryRequests;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.Draft;
import dev.aiblog.core.model.Post;
import dev.aiblog.core.model.PostOptions;
import dev.aiblog.core.model.Status;
import dev.aiblog.core.model.TokenUsage;
import dev.aiblog.core.steps.StepContracts.ImageOutput;
import dev.aiblog.core.steps.StepContracts.PublishInput;
import dev.aiblog.core.steps.StepContracts.PublishOutput;
import dev.aiblog.core.steps.StepContracts.TextOutput;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublishHandlerTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final InMemoryRequests requests = new InMemoryRequests();
    private final InMemoryPosts posts = new InMemoryPosts(requests);
    private final InMemoryContent content = new InMemoryContent();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final PublishHandler handler = new PublishHandler(
            requests,
            posts,
            content,
            PriceTable.load(Settings.of(Map.of())),
            "low",
            Clock.fixed(NOW, ZoneOffset.UTC),
            ledger);
    private final PublishInput input;

    PublishHandlerTest() {
        requests.create(BlogRequest.queued("r1", "ann", "tide pools", PostOptions.DEFAULT, NOW.minusSeconds(60)));
        String draft = content.putDraft(
                "r1",
                new Draft("Tide pools", "In winter", "## Cold\n\nwords words words", List.of("Nature", "sea"), "p"));
        String image = content.putImage("r1", new byte[] {1, 2, 3}, "image/png");
        input = new PublishInput(
                "r1",
                draft,
                image,
                new TextOutput(
                        draft, "Tide pools", "gpt-4.1-mini", TokenUsage.text(1_000_000, 1_000_000), "openai", false),
                new ImageOutput(image, "gpt-image-1", new TokenUsage(0, 0, 1)));
    }

    @Test
    void publishesThePostWithItsBodyAndCost_andMarksTheRequestPublished() {
        PublishOutput out = handler.handle(input);

        // 1M input tokens at $0.40, 1M output at $1.60, one low-quality image at $0.011
        assertThat(out.postId()).isEqualTo("r1");
        assertThat(out.costUsd()).isEqualByComparingTo("2.011");
        assertThat(out.alreadyPublished()).isFalse();
        Post post = posts.find("r1").orElseThrow();
        assertThat(post.title()).isEqualTo("Tide pools");
        assertThat(post.tags()).containsExactly("Nature", "sea");
        assertThat(post.publishedAt()).isEqualTo(NOW);
        assertThat(post.imageKey()).isEqualTo("images/r1.png");
        assertThat(content.getString(post.bodyKey())).isEqualTo("## Cold\n\nwords words words");
        assertThat(requests.get("r1").status()).isEqualTo(Status.PUBLISHED);
        assertThat(requests.get("r1").postId()).isEqualTo("r1");
        assertThat(posts.feed(dev.aiblog.core.model.Tag.of("NATURE"), 10, null).posts())
                .extracting(Post::id)
                .containsExactly("r1");
    }

    @Test
    void anApprovedDraftIsPublishedWithTheEditorsTextAndTheEditorOnThePost() {
        String edited = content.putReviewedDraft(
                "r1",
                "d1",
                new Draft("Tide pools in winter", "Edited", "## Edited\n\nbetter words", List.of("sea"), "p"));
        PublishInput approved = new PublishInput("r1", edited, input.imageKey(), input.text(), input.image(), "alice");

        handler.handle(approved);

        Post post = posts.find("r1").orElseThrow();
        assertThat(post.title()).isEqualTo("Tide pools in winter");
        assertThat(post.summary()).isEqualTo("Edited");
        assertThat(content.getString(post.bodyKey())).isEqualTo("## Edited\n\nbetter words");
        assertThat(post.reviewedBy()).isEqualTo("alice");
    }

    @Test
    void withoutReviewNoEditorIsRecorded() {
        handler.handle(input);

        assertThat(posts.find("r1").orElseThrow().reviewedBy()).isNull();
    }

    @Test
    void publishingTwiceLeavesOnePostAndSaysSo() {
        PublishOutput first = handler.handle(input);
        PublishOutput second = handler.handle(input);

        assertThat(second).isEqualTo(new PublishOutput("r1", first.costUsd(), true));
        assertThat(posts.feed(null, 10, null).posts()).hasSize(1);
    }

    @Test
    void aMissingImageFailsTheStepAndPublishesNothing() {
        PublishInput noImage = new PublishInput("r1", input.draftKey(), "images/none.png", input.text(), input.image());

        assertThatThrownBy(() -> handler.handle(noImage))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("images/none.png");
        assertThat(posts.find("r1")).isEmpty();
        assertThat(requests.get("r1").status()).isEqualTo(Status.RUNNING);
    }

    @Test
    void refusesAnInputWithoutTheEarlierStepsResults() {
        assertThatThrownBy(() ->
                        handler.handle(new PublishInput("r1", input.draftKey(), input.imageKey(), null, input.image())))
                .hasMessage("publish input has no text step result");
        assertThat(requests.stepsEntered()).isEmpty();
    }

    @Test
    void recordsThePostsCostInItsMonthOnce_whenPublishRunsTwice() {
        handler.handle(input);
        handler.handle(input);

        assertThat(ledger.recorded("r1")).isEqualByComparingTo("2.011");
        assertThat(ledger.monthTotal(java.time.YearMonth.of(2026, 12))).isEqualByComparingTo("2.011");
    }

    @Test
    void reportsThePostItsCostAndTheMonthsSpendAsEmbeddedMetrics() {
        var out = new java.io.ByteArrayOutputStream();
        var metrics = new dev.aiblog.core.metrics.Metrics(
                "dev",
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                Clock.fixed(NOW, ZoneOffset.UTC));
        ledger.record("earlier", java.time.YearMonth.of(2026, 12), new BigDecimal("1"));
        new PublishHandler(
                        requests,
                        posts,
                        content,
                        PriceTable.load(Settings.of(Map.of())),
                        "low",
                        Clock.fixed(NOW, ZoneOffset.UTC),
                        ledger,
                        metrics)
                .handle(input);

        var lines = out.toString(java.nio.charset.StandardCharsets.UTF_8)
                .strip()
                .lines()
                .map(l -> dev.aiblog.core.Json.read(l, com.fasterxml.jackson.databind.JsonNode.class))
                .toList();
        var line =
                lines.stream().filter(l -> l.has("PostsPublished")).findFirst().orElseThrow();
        var latency =
                lines.stream().filter(l -> l.has("StepLatencyMs")).findFirst().orElseThrow();
        assertThat(latency.path("Step").asText()).isEqualTo("PUBLISH");
        assertThat(latency.path("requestId").asText()).isEqualTo("r1");
        assertThat(latency.at("/_aws/CloudWatchMetrics/0/Dimensions/0").toString())
                .isEqualTo("[\"Stage\",\"Step\"]");
        assertThat(line.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("AiBlog");
        assertThat(line.at("/_aws/CloudWatchMetrics/0/Metrics").findValuesAsText("Name"))
                .containsExactly("PostsPublished", "CostUsd", "Tokens", "MonthToDateSpendUsd");
        assertThat(line.path("Stage").asText()).isEqualTo("dev");
        assertThat(line.path("requestId").asText()).isEqualTo("r1");
        assertThat(line.path("CostUsd").decimalValue()).isEqualByComparingTo("2.011");
        assertThat(line.path("MonthToDateSpendUsd").decimalValue()).isEqualByComparingTo("3.011");
        assertThat(line.path("Tokens").asLong()).isEqualTo(2_000_000);
    }
}
