package dev.aiblog.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.local.cli.RequestSummaryPrinter;
import dev.aiblog.local.openai.OpenAiDouble;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code serve}'s console: one line per request as it ends, saying how it ended, in how long, and why. */
class RequestSummaryPrinterTest {
    private static final String TOKEN = "summary-token";

    @Test
    void oneLinePerRequest_published_rejected_failed() throws Exception {
        StringWriter console = new StringWriter();
        try (OpenAiDouble openai = new OpenAiDouble().flagWords("bombs");
                LocalRuntime runtime = LocalRuntime.start(
                        LocalCloud.Options.inMemory(Repository.root())
                                .withEnvironment(Map.of("OPENAI_BASE_URL", openai.baseUrl(), "OPENAI_API_KEY", "sk-x"))
                                .withTimeScale(0)
                                .withListener(new RequestSummaryPrinter(new PrintWriter(console, true))),
                        0,
                        TOKEN,
                        false)) {
            String published = submit(runtime, "How tide pools survive the winter");
            String rejected = submit(runtime, "Building bombs at home");
            openai.enqueue(OpenAiDouble.CHAT, OpenAiDouble.serverError(), 20);
            String failed = submit(runtime, "An unlucky day at the model");

            List<String> lines = awaitLines(console, 3);
            assertThat(lines).hasSize(3);
            String postId = runtime.cloud().requests().get(published).postId();
            String title = runtime.cloud().blogs().find(postId).orElseThrow().title();
            assertThat(lines.get(0))
                    .matches(line(published, "PUBLISHED"))
                    .contains("$0.")
                    .doesNotContain("retr")
                    .endsWith("\"" + title + "\"");
            assertThat(lines.get(1))
                    .matches(line(rejected, "REJECTED"))
                    .contains("topic flagged: violence")
                    .endsWith("\"Building bombs at home\"");
            assertThat(lines.get(2))
                    .matches(line(failed, "FAILED"))
                    .contains("in step TEXT")
                    .contains("(500)")
                    .contains("3 retries")
                    .endsWith("\"An unlucky day at the model\"");
        }
    }

    private static String submit(LocalRuntime runtime, String topic) throws Exception {
        Http.Response accepted =
                Http.send("POST", runtime.url().resolve("/blogs"), TOKEN, "{\"topic\":\"" + topic + "\"}");
        assertThat(accepted.status()).isEqualTo(202);
        String requestId = accepted.body().path("requestId").asText();
        JsonNode request = LocalRuntimeTest.awaitTerminal(runtime.url(), requestId, TOKEN, Duration.ofSeconds(60));
        assertThat(request.path("status").asText()).isIn("PUBLISHED", "REJECTED", "FAILED");
        return requestId;
    }

    /** {@code HH:mm:ss <first 8 of the id> STATUS <seconds> s ...}. */
    private static String line(String requestId, String status) {
        return "\\d\\d:\\d\\d:\\d\\d " + Pattern.quote(requestId.substring(0, 8)) + " " + status + " +\\d+\\.\\d s  .*";
    }

    private static List<String> awaitLines(StringWriter console, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = console.toString().lines().toList();
            if (lines.size() >= count) {
                break;
            }
            Thread.sleep(50);
        }
        return lines;
    }
}
