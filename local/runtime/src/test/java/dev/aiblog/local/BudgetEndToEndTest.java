package dev.aiblog.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.core.Json;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.PostOptions;
import dev.aiblog.core.steps.ExecutionInput;
import dev.aiblog.local.openai.OpenAiDouble;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monthly budget on the whole local stack, with the real OpenAI SDK talking to the double: one post costs
 * about $0.0127 there (gpt-4.1-mini text, gpt-image-1 image), and the budget is set below that.
 */
class BudgetEndToEndTest {
    private static final String TOKEN = "budget-token";

    @TempDir
    Path home;

    @Test
    void aBurstOvershootsOnlyByWhatWasRunning_andNoModelIsCalledOnceTheBudgetIsSpent() throws Exception {
        try (OpenAiDouble openai = new OpenAiDouble();
                LocalRuntime runtime = LocalRuntime.start(
                        LocalCloud.Options.inMemory(Repository.root())
                                .persistentAt(home)
                                .withEnvironment(Map.of(
                                        "OPENAI_BASE_URL",
                                        openai.baseUrl(),
                                        "OPENAI_API_KEY",
                                        "sk-test",
                                        "MONTHLY_BUDGET_USD",
                                        "0.01"))
                                .withTimeScale(0),
                        0,
                        TOKEN,
                        false)) {
            // A burst, all accepted while nothing is spent yet: every one of them runs (the bounded overshoot).
            List<String> burst = new ArrayList<>();
            try (var pool = Executors.newFixedThreadPool(4)) {
                List<Future<Http.Response>> sent = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    String body = "{\"topic\":\"Budget burst number " + i + "\"}";
                    sent.add(pool.submit(() -> Http.send("POST", runtime.url().resolve("/blogs"), TOKEN, body)));
                }
                for (Future<Http.Response> response : sent) {
                    assertThat(response.get().status()).isEqualTo(202);
                    burst.add(response.get().body().path("requestId").asText());
                }
            }
            for (String requestId : burst) {
                JsonNode request =
                        LocalRuntimeTest.awaitTerminal(runtime.url(), requestId, TOKEN, Duration.ofSeconds(90));
                assertThat(request.path("status").asText()).as(requestId).isEqualTo("PUBLISHED");
            }
            int modelCallsWhenSpent = openai.received().size();

            // Spent: the API refuses, saying when the budget resets ...
            Http.Response refused =
                    Http.send("POST", runtime.url().resolve("/blogs"), TOKEN, "{\"topic\":\"One post too many\"}");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.body().at("/error/code").asText()).isEqualTo("BUDGET_EXHAUSTED");
            assertThat(refused.body().at("/error/message").asText())
                    .contains("monthly budget of $0.01")
                    .contains("resets at");

            // ... and a request that was already on the queue is not started: REJECTED, naming the budget.
            String queuedId = UUID.randomUUID().toString();
            BlogRequest queued = BlogRequest.queued(
                    queuedId, "local-user", "Queued before the budget ran out", PostOptions.DEFAULT, Instant.now());
            runtime.cloud().requests().create(queued);
            runtime.cloud()
                    .clients()
                    .sqs()
                    .sendMessage(b -> b.queueUrl(runtime.cloud().resources().queueUrl("RequestsQueue"))
                            .messageBody(Json.write(ExecutionInput.of(queued))));
            BlogRequest ended = awaitTerminal(runtime, queuedId);
            assertThat(ended.status().name()).isEqualTo("REJECTED");
            assertThat(ended.reason()).contains("monthly budget").contains("resets");

            assertThat(openai.received())
                    .as("model calls after the budget was spent")
                    .hasSize(modelCallsWhenSpent);
            assertThat(runtime.cloud().blogs().find(queuedId)).isEmpty();
        }
    }

    private static BlogRequest awaitTerminal(LocalRuntime runtime, String requestId) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            BlogRequest request = runtime.cloud().requests().get(requestId);
            if (request.status().terminal()) {
                return request;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("request " + requestId + " still " + request.status());
            }
            Thread.sleep(100);
        }
    }
}
