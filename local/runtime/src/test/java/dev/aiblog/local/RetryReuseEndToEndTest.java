package dev.aiblog.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.local.openai.OpenAiDouble;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Retrying a FAILED request reuses what its earlier attempt already paid for: with the image model down, the request
 * fails in the image step; retried once the model is back, the new execution reuses the draft the first attempt
 * wrote (no second chat completion) and draws the image, and the post is that draft.
 */
class RetryReuseEndToEndTest {
    private static final String TOKEN = "retry-token";

    @Test
    void aRetryAfterTheImageStepFailedReusesTheDraft_andPaysOnlyForTheImage() throws Exception {
        try (OpenAiDouble openai = new OpenAiDouble();
                LocalRuntime runtime = LocalRuntime.start(
                        LocalCloud.Options.inMemory(Repository.root())
                                .withEnvironment(Map.of("OPENAI_BASE_URL", openai.baseUrl(), "OPENAI_API_KEY", "sk-x"))
                                .withTimeScale(0),
                        0,
                        TOKEN,
                        false)) {
            openai.enqueue(OpenAiDouble.IMAGES, OpenAiDouble.serverError(), 20);
            Http.Response accepted = Http.send(
                    "POST", runtime.url().resolve("/blogs"), TOKEN, "{\"topic\":\"Lighthouses of the north\"}");
            String id = accepted.body().path("requestId").asText();
            JsonNode failed = LocalRuntimeTest.awaitTerminal(runtime.url(), id, TOKEN, Duration.ofSeconds(60));
            assertThat(failed.path("status").asText()).isEqualTo("FAILED");
            assertThat(failed.path("step").asText()).isEqualTo("IMAGE");
            assertThat(openai.received(OpenAiDouble.CHAT)).hasSize(1);

            openai.reset(); // the image model is back
            Http.Response retried = Http.send("POST", runtime.url().resolve("/requests/" + id + "/retry"), TOKEN, "");
            assertThat(retried.status()).isEqualTo(202);
            JsonNode done = LocalRuntimeTest.awaitTerminal(runtime.url(), id, TOKEN, Duration.ofSeconds(60));

            assertThat(done.path("status").asText()).isEqualTo("PUBLISHED");
            assertThat(openai.received(OpenAiDouble.CHAT))
                    .as("the draft is reused")
                    .isEmpty();
            assertThat(openai.received(OpenAiDouble.IMAGES)).hasSize(1);
            assertThat(openai.received(OpenAiDouble.MODERATIONS))
                    .as("moderation judges the reused draft again")
                    .isNotEmpty();
            assertThat(runtime.cloud().aws().refusals()).isEmpty();
        }
    }
}
