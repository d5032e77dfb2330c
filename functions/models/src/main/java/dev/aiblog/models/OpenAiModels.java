package dev.aiblog.models;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.core.Timeout;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.images.Image;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import com.openai.models.moderations.Moderation;
import com.openai.models.moderations.ModerationCreateParams;
import com.openai.models.moderations.ModerationCreateResponse;
import dev.aiblog.core.Json;
import dev.aiblog.core.ai.ImageModel;
import dev.aiblog.core.ai.Moderator;
import dev.aiblog.core.ai.TextModel;
import dev.aiblog.core.config.Settings;
import dev.aiblog.core.errors.BadModelOutputException;
import dev.aiblog.core.model.Draft;
import dev.aiblog.core.model.PostOptions;
import dev.aiblog.core.model.TokenUsage;
import dev.aiblog.core.text.DraftCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Text (structured output against {@code draft.schema.json}), images and moderation through the OpenAI Java
 * SDK, against api.openai.com or any OpenAI-compatible server at {@code OPENAI_BASE_URL}.
 */
public final class OpenAiModels implements TextModel, ImageModel, Moderator {
    static final String SCHEMA_NAME = "blog_post";
    private static final Map<String, JsonValue> SCHEMA = loadSchema();

    private final OpenAIClient client;
    private final Settings settings;

    public OpenAiModels(OpenAIClient client, Settings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** A client with the SDK's retries off and the configured timeout, which sits below the function timeout. */
    public static OpenAIClient client(Settings settings, String apiKey) {
        Duration timeout = settings.modelTimeout();
        OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder()
                .apiKey(apiKey)
                .maxRetries(0)
                .timeout(Timeout.builder()
                        .request(timeout)
                        .read(timeout)
                        .connect(Duration.ofSeconds(10))
                        .build());
        settings.openAiBaseUrl().ifPresent(builder::baseUrl);
        return builder.build();
    }

    @Override
    public GeneratedText write(String topic, PostOptions options) {
        String model = settings.textModel();
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(model)
                .maxCompletionTokens(settings.maxOutputTokens())
                .addSystemMessage(Prompts.system())
                .addUserMessage(Prompts.user(topic, options))
                .responseFormat(ResponseFormatJsonSchema.builder()
                        .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                                .name(SCHEMA_NAME)
                                .strict(true)
                                .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                        .putAllAdditionalProperties(SCHEMA)
                                        .build())
                                .build())
                        .build())
                .build();
        ChatCompletion completion = OpenAiErrors.call(
                "text generation", () -> client.chat().completions().create(params));
        TokenUsage usage = completion
                .usage()
                .map(u -> TokenUsage.text(u.promptTokens(), u.completionTokens()))
                .orElse(TokenUsage.NONE);
        if (completion.choices().isEmpty()) {
            throw new BadModelOutputException("text generation: the model returned no choices");
        }
        ChatCompletion.Choice choice = completion.choices().getFirst();
        choice.message().refusal().ifPresent(refusal -> {
            throw new BadModelOutputException("text generation: the model refused: " + refusal);
        });
        if (choice.finishReason().equals(ChatCompletion.Choice.FinishReason.LENGTH)) {
            throw new BadModelOutputException(
                    "text generation: the output was cut off at the token limit (MAX_OUTPUT_TOKENS="
                            + settings.maxOutputTokens() + ")");
        }
        String content = choice.message()
                .content()
                .orElseThrow(() -> new BadModelOutputException("text generation: the model returned no content"));
        // The configured name, not the dated snapshot the API echoes, so the price table finds it.
        return new GeneratedText(parseDraft(content), model, usage);
    }

    /** Parses and checks structured output; anything unusable is a {@link BadModelOutputException} naming the problem. */
    static Draft parseDraft(String content) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(content);
        } catch (IOException e) {
            throw new BadModelOutputException("text generation: the output is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (node == null || !node.isObject()) {
            throw new BadModelOutputException("text generation: the output is not a JSON object");
        }
        List<String> problems = new ArrayList<>();
        for (String field : List.of("title", "summary", "body", "imagePrompt")) {
            JsonNode value = node.get(field);
            if (value != null && !value.isNull() && !value.isTextual()) {
                problems.add(field + " is not a string");
            }
        }
        JsonNode tags = node.get("tags");
        if (tags != null && !tags.isNull() && !tags.isArray()) {
            problems.add("tags is not an array");
        }
        if (!problems.isEmpty()) {
            throw new BadModelOutputException(
                    "text generation: the output does not match the schema: " + String.join("; ", problems));
        }
        Draft draft = Json.mapper().convertValue(node, Draft.class);
        problems.addAll(DraftCheck.problems(draft));
        if (!problems.isEmpty()) {
            throw new BadModelOutputException(
                    "text generation: the output does not match the schema: " + String.join("; ", problems));
        }
        return new Draft(
                draft.title().strip(),
                draft.summary().strip(),
                draft.body().strip(),
                draft.tags().stream().map(String::strip).distinct().toList(),
                draft.imagePrompt().strip());
    }

    @Override
    public GeneratedImage draw(String prompt) {
        String model = settings.imageModel();
        ImageGenerateParams.Builder params = ImageGenerateParams.builder()
                .model(model)
                .prompt(prompt)
                .n(1)
                .size(ImageGenerateParams.Size.of(settings.imageSize()));
        if (model.startsWith("dall-e")) {
            params.responseFormat(ImageGenerateParams.ResponseFormat.B64_JSON);
        } else {
            params.quality(ImageGenerateParams.Quality.of(settings.imageQuality()));
        }
        ImagesResponse response =
                OpenAiErrors.call("image generation", () -> client.images().generate(params.build()));
        Image image = response.data()
                .filter(d -> !d.isEmpty())
                .map(List::getFirst)
                .orElseThrow(() -> new BadModelOutputException("image generation: the model returned no image"));
        String b64 = image.b64Json()
                .orElseThrow(
                        () -> new BadModelOutputException("image generation: the model returned no base64 image data"));
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new BadModelOutputException("image generation: the image data is not valid base64");
        }
        String contentType = ImageFormats.contentType(bytes);
        TokenUsage usage = response.usage()
                .map(u -> new TokenUsage(u.inputTokens(), u.outputTokens(), 1))
                .orElse(new TokenUsage(0, 0, 1));
        return new GeneratedImage(bytes, contentType, model, usage);
    }

    @Override
    public Verdict check(String text) {
        String model = settings.moderationModel();
        ModerationCreateResponse response = OpenAiErrors.call(
                "moderation",
                () -> client.moderations()
                        .create(ModerationCreateParams.builder()
                                .model(model)
                                .input(text)
                                .build()));
        if (response.results().isEmpty()) {
            throw new BadModelOutputException("moderation: the provider returned no result");
        }
        boolean flagged = false;
        List<String> categories = new ArrayList<>();
        for (Moderation result : response.results()) {
            flagged |= result.flagged();
            categories.addAll(flaggedCategories(result));
        }
        return new Verdict(flagged, categories.stream().distinct().sorted().toList(), model);
    }

    private static List<String> flaggedCategories(Moderation result) {
        JsonNode categories = ObjectMappers.jsonMapper().valueToTree(result.categories());
        List<String> names = new ArrayList<>();
        categories.properties().forEach(e -> {
            if (e.getValue().asBoolean(false)) {
                names.add(e.getKey());
            }
        });
        return names;
    }

    private static Map<String, JsonValue> loadSchema() {
        try (InputStream in = OpenAiModels.class.getResourceAsStream("draft.schema.json")) {
            Map<String, Object> raw = Json.mapper().readValue(in, new TypeReference<>() {});
            Map<String, JsonValue> schema = new java.util.LinkedHashMap<>();
            raw.forEach((k, v) -> schema.put(k, JsonValue.from(v)));
            return Map.copyOf(schema);
        } catch (IOException e) {
            throw new UncheckedIOException("draft.schema.json is missing from the models jar", e);
        }
    }
}
