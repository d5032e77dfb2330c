package dev.aiblog.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiblog.asl.ExecutionResult;
import dev.aiblog.asl.ExecutionStatus;
import dev.aiblog.asl.HistoryEvent;
import dev.aiblog.asl.HistoryEventType;
import dev.aiblog.core.Json;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.Draft;
import dev.aiblog.core.model.Post;
import dev.aiblog.core.model.PostOptions;
import dev.aiblog.core.model.Status;
import dev.aiblog.core.model.Step;
import dev.aiblog.local.openai.OpenAiDouble;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real ASL file, run by the ASL runner, with the real handlers; the real OpenAI SDK talking HTTP to a double
 * of the OpenAI API; DynamoDB Local and an S3 emulator, all on loopback.
 */
class PipelineEndToEndTest {
    private static OpenAiDouble openai;
    private static LocalCloud cloud;

    @BeforeAll
    static void start() {
        openai = new OpenAiDouble();
        cloud = LocalCloud.start(LocalCloud.Options.inMemory(Repository.root())
                // the key reaches the model functions through the local Secrets Manager, as deployed
                .withEnvironment(Map.of("OPENAI_BASE_URL", openai.baseUrl(), "OPENAI_API_KEY", "sk-test-double"))
                .withTimeScale(0));
    }

    @AfterAll
    static void stop() {
        // every call of every function, through the IAM gateway, was allowed by its role in template.yaml
        assertThat(cloud.aws().refusals()).isEmpty();
        cloud.close();
        openai.close();
    }

    @BeforeEach
    void resetDouble() {
        openai.reset();
    }

    @Test
    void keptStepResults_comeBackWithTheStep_andANewDraftDropsTheImageDrawnFromTheOldOne() {
        String id = java.util.UUID.randomUUID().toString();
        var requests = cloud.requests();
        requests.create(BlogRequest.queued(id, "user-1", "kept results", PostOptions.DEFAULT, Instant.now()));
        assertThat(requests.enterStep(id, Step.TEXT)).isEmpty();
        requests.saveResult(id, Step.TEXT, "{\"draftKey\":\"d1\"}");
        requests.saveResult(id, Step.IMAGE, "{\"imageKey\":\"i1\"}");

        assertThat(requests.enterStep(id, Step.TEXT)).hasValueSatisfying(kept -> {
            assertThat(kept.json()).isEqualTo("{\"draftKey\":\"d1\"}");
            assertThat(kept.storedAt()).isBefore(Instant.now().plusSeconds(1));
        });
        assertThat(requests.enterStep(id, Step.IMAGE)).map(r -> r.json()).hasValue("{\"imageKey\":\"i1\"}");

        requests.saveResult(id, Step.TEXT, "{\"draftKey\":\"d2\"}");
        assertThat(requests.enterStep(id, Step.IMAGE)).isEmpty();
        assertThat(requests.enterStep(id, Step.TEXT)).map(r -> r.json()).hasValue("{\"draftKey\":\"d2\"}");

        requests.markFailed(id, "Test", "ended");
        requests.saveResult(id, Step.IMAGE, "{\"imageKey\":\"late\"}"); // ignored: the request has ended
        assertThat(requests.get(id).status()).isEqualTo(Status.FAILED);
    }

    @Test
    void publishesAnIllustratedPost_endToEnd() {
        Run run = submit("tide pools in winter");

        assertThat(run.result().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        BlogRequest request = cloud.requests().get(run.requestId());
        assertThat(request.status()).isEqualTo(Status.PUBLISHED);
        assertThat(request.postId()).isEqualTo(run.requestId());
        Post post = cloud.blogs().find(request.postId()).orElseThrow();
        assertThat(post.title()).isEqualTo("A practical guide to tide pools in winter");
        assertThat(post.tags()).containsExactly("testing", "guides");
        assertThat(post.textModel()).isEqualTo("gpt-4.1-mini");
        assertThat(post.imageModel()).isEqualTo("gpt-image-1");
        assertThat(post.textUsage().outputTokens()).isEqualTo(950);
        assertThat(post.imageUsage().images()).isEqualTo(1);
        assertThat(post.costUsd()).isGreaterThan(BigDecimal.ZERO);
        assertThat(post.provider()).isEqualTo("openai");
        assertThat(post.offline()).isFalse();
        assertThat(post.readingTimeMinutes()).isEqualTo(1);
        assertThat(cloud.content().getString(post.bodyKey())).contains("## Why it matters");
        assertThat(cloud.content().getBytes(post.imageKey())).isEqualTo(OpenAiDouble.PNG);
        assertThat(cloud.blogs().countItems(post.id(), "TAG#")).isEqualTo(2);

        JsonNode chat = openai.received(OpenAiDouble.CHAT).getFirst().body();
        assertThat(chat.path("model").asText()).isEqualTo("gpt-4.1-mini");
        assertThat(chat.path("response_format").path("type").asText()).isEqualTo("json_schema");
        assertThat(chat.path("response_format")
                        .path("json_schema")
                        .path("strict")
                        .asBoolean())
                .isTrue();
        assertThat(chat.path("response_format")
                        .path("json_schema")
                        .path("schema")
                        .path("required"))
                .extracting(JsonNode::asText)
                .containsExactly("title", "summary", "body", "tags", "imagePrompt");
        assertThat(openai.received(OpenAiDouble.MODERATIONS)).hasSize(2);
        assertThat(openai.received(OpenAiDouble.IMAGES)).hasSize(1);
        assertThat(openai.received().getFirst().authorization()).isEqualTo("Bearer sk-test-double");
    }

    @Test
    void statesPassKeysNotBodies() {
        Run run = submit("small state payloads");

        JsonNode publishInput = run.result().history().stream()
                .filter(e -> e.type() == HistoryEventType.TaskScheduled && "Publish".equals(e.stateName()))
                .findFirst()
                .orElseThrow()
                .details();
        String payload = publishInput.toString();
        assertThat(payload)
                .contains("drafts/" + run.requestId() + "/draft.json")
                .contains("images/" + run.requestId() + ".png");
        assertThat(payload).doesNotContain("## Why it matters");
    }

    @Test
    void retriesRateLimitsWithBackoffThenPublishes() {
        openai.enqueue(OpenAiDouble.CHAT, OpenAiDouble.rateLimited(), 3);

        Run run = submit("patience under rate limits");

        assertThat(run.result().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(cloud.requests().get(run.requestId()).status()).isEqualTo(Status.PUBLISHED);
        List<HistoryEvent> retries = retries(run.result(), "GenerateText");
        assertThat(retries).hasSize(3);
        assertThat(retries)
                .allSatisfy(e -> assertThat(e.details().path("error").asText())
                        .isEqualTo("dev.aiblog.core.errors.RateLimitedException"));
        assertThat(retries).extracting(e -> e.details().path("attempt").asInt()).containsExactly(1, 2, 3);
        assertThat(openai.received(OpenAiDouble.CHAT)).hasSize(4);
    }

    @Test
    void endsFailedWithAReason_whenTheProviderAlwaysAnswers500() {
        openai.enqueue(OpenAiDouble.CHAT, OpenAiDouble.serverError(), 20);

        Run run = submit("an unlucky day");

        assertThat(run.result().status()).isEqualTo(ExecutionStatus.FAILED);
        BlogRequest request = cloud.requests().get(run.requestId());
        assertThat(request.status()).isEqualTo(Status.FAILED);
        assertThat(request.errorName()).isEqualTo("ProviderTransientException");
        assertThat(request.reason()).contains("in step TEXT").contains("(500)");
        assertThat(retries(run.result(), "GenerateText")).hasSize(3);
        assertThat(cloud.blogs().find(run.requestId())).isEmpty();
    }

    @Test
    void endsFailedNamingTheProblem_whenStructuredOutputIsMalformed() {
        openai.enqueue(OpenAiDouble.CHAT, OpenAiDouble.chatContent("Sure! Here is your post: ..."), 10);

        Run run = submit("malformed output");

        BlogRequest request = cloud.requests().get(run.requestId());
        assertThat(request.status()).isEqualTo(Status.FAILED);
        assertThat(request.errorName()).isEqualTo("BadModelOutputException");
        assertThat(request.reason()).contains("not valid JSON");
        assertThat(openai.received(OpenAiDouble.CHAT)).hasSize(3);
    }

    @Test
    void endsFailedNamingTheField_whenStructuredOutputIsIncomplete() {
        ObjectNode draft = Json.mapper().valueToTree(new Draft("T", "S", "B", List.of("a"), "P"));
        draft.remove("body");
        openai.enqueue(OpenAiDouble.CHAT, OpenAiDouble.chatContent(draft.toString()), 10);

        Run run = submit("incomplete output");

        BlogRequest request = cloud.requests().get(run.requestId());
        assertThat(request.status()).isEqualTo(Status.FAILED);
        assertThat(request.reason()).contains("body is missing");
    }

    @Test
    void rejectsAFlaggedTopic_andGeneratesNothing() {
        openai.flagWords("massacre");

        Run run = submit("how to plan a massacre");

        BlogRequest request = cloud.requests().get(run.requestId());
        assertThat(request.status()).isEqualTo(Status.REJECTED);
        assertThat(request.step()).isEqualTo(Step.MODERATE_TOPIC);
        assertThat(request.categories()).containsExactly("violence");
        assertThat(request.reason()).startsWith("The topic was flagged");
        assertThat(openai.received(OpenAiDouble.CHAT)).isEmpty();
        assertThat(cloud.blogs().find(run.requestId())).isEmpty();
    }

    @Test
    void rejectsFlaggedGeneratedText_andPublishesNothing() {
        openai.flagWords("the test topic"); // in the double's generated body, not in the topic

        Run run = submit("gardening on balconies");

        BlogRequest request = cloud.requests().get(run.requestId());
        assertThat(request.status()).isEqualTo(Status.REJECTED);
        assertThat(request.step()).isEqualTo(Step.MODERATE_TEXT);
        assertThat(request.reason()).startsWith("The generated text was flagged");
        assertThat(openai.received(OpenAiDouble.IMAGES)).isEmpty();
        assertThat(cloud.blogs().find(run.requestId())).isEmpty();
    }

    @Test
    void publishingTwiceForOneRequestLeavesOnePost() throws Exception {
        Run run = submit("idempotent publishing");
        JsonNode publishInput = run.result().history().stream()
                .filter(e -> e.type() == HistoryEventType.TaskScheduled && "Publish".equals(e.stateName()))
                .findFirst()
                .orElseThrow()
                .details()
                .path("parameters");
        Post first = cloud.blogs().find(run.requestId()).orElseThrow();

        JsonNode again = cloud.functions().invoke(cloud.template().arn("PublishFunction"), publishInput);

        assertThat(again.path("alreadyPublished").asBoolean()).isTrue();
        assertThat(cloud.blogs().countItems(run.requestId(), "POST")).isEqualTo(1);
        assertThat(cloud.blogs().countItems(run.requestId(), "TAG#"))
                .isEqualTo(first.tags().size());
        assertThat(cloud.blogs().find(run.requestId()).orElseThrow().publishedAt())
                .isEqualTo(first.publishedAt());
    }

    @Test
    void anExecutionThatEndsWithoutReachingMarkFailedStillLeavesItsRequestFailed() throws InterruptedException {
        String requestId = UUID.randomUUID().toString();
        cloud.requests()
                .create(BlogRequest.queued(
                        requestId, "user-1", "no topic in the input", PostOptions.DEFAULT, Instant.now()));
        ObjectNode input = Json.mapper().createObjectNode().put("requestId", requestId); // $.topic is missing

        ExecutionResult result = cloud.runPipeline(requestId, input);

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("States.Runtime"); // not catchable by States.ALL: MarkFailed never ran
        BlogRequest request = cloud.requests().get(requestId);
        for (int i = 0; i < 100 && request.status() != Status.FAILED; i++) {
            Thread.sleep(50);
            request = cloud.requests().get(requestId);
        }
        assertThat(request.status()).isEqualTo(Status.FAILED);
        assertThat(request.errorName()).isEqualTo("States.ExecutionFAILED");
        assertThat(request.reason()).contains("the execution ended FAILED");
    }

    private record Run(String requestId, ExecutionResult result) {}

    private static Run submit(String topic) {
        String requestId = UUID.randomUUID().toString();
        cloud.requests().create(BlogRequest.queued(requestId, "user-1", topic, PostOptions.DEFAULT, Instant.now()));
        ObjectNode input = Json.mapper()
                .createObjectNode()
                .put("requestId", requestId)
                .put("topic", topic)
                .put("audience", "general")
                .put("tone", "informative")
                .put("length", "short");
        return new Run(requestId, cloud.runPipeline(requestId, input));
    }

    private static List<HistoryEvent> retries(ExecutionResult result, String state) {
        return result.history().stream()
                .filter(e -> e.type() == HistoryEventType.TaskRetryScheduled && state.equals(e.stateName()))
                .toList();
    }
}
