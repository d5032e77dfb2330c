package dev.aiblog.functions.text;

import dev.aiblog.core.ai.ModelProvider;
import dev.aiblog.core.ai.TextModel.GeneratedText;
import dev.aiblog.core.aws.AwsClients;
import dev.aiblog.core.config.Settings;
import dev.aiblog.core.lambda.JsonHandler;
import dev.aiblog.core.model.Audience;
import dev.aiblog.core.model.Length;
import dev.aiblog.core.model.PostOptions;
import dev.aiblog.core.model.Step;
import dev.aiblog.core.model.Tone;
import dev.aiblog.core.steps.StepContracts.TextInput;
import dev.aiblog.core.steps.StepContracts.TextOutput;
import dev.aiblog.core.store.ContentStore;
import dev.aiblog.core.store.RequestStore;
import dev.aiblog.models.ModelProviders;
import java.time.Clock;

/** GenerateText: topic and options to a structured draft in S3; returns the draft's key and the token usage. */
public final class TextHandler extends JsonHandler<TextInput, TextOutput> {
    private final ModelProvider provider;
    private final RequestStore requests;
    private final ContentStore content;

    public TextHandler() {
        this(Settings.fromEnvironment());
    }

    public TextHandler(Settings settings) {
        this(ModelProviders.fromSettings(settings),
                new RequestStore(AwsClients.dynamoDb(settings), settings.requestsTable(), Clock.systemUTC()),
                new ContentStore(AwsClients.s3(settings), settings.contentBucket()));
    }

    public TextHandler(ModelProvider provider, RequestStore requests, ContentStore content) {
        super(TextInput.class);
        this.provider = provider;
        this.requests = requests;
        this.content = content;
    }

    @Override
    protected TextOutput handle(TextInput input) {
        if (input.topic() == null || input.topic().isBlank()) {
            throw new IllegalArgumentException("text step input has no topic");
        }
        requests.enterStep(input.requestId(), Step.TEXT);
        PostOptions options = new PostOptions(
                option(Audience.parse(input.audience()), input.audience(), "audience"),
                option(Tone.parse(input.tone()), input.tone(), "tone"),
                option(Length.parse(input.length()), input.length(), "length"));
        GeneratedText text = provider.text().write(input.topic().strip(), options);
        String key = content.putDraft(input.requestId(), text.draft());
        return new TextOutput(key, text.draft().title(), text.model(), text.usage(), provider.name(), provider.offline());
    }

    private static <T> T option(java.util.Optional<T> parsed, String raw, String name) {
        if (raw == null) {
            return null;
        }
        return parsed.orElseThrow(() -> new IllegalArgumentException("text step input has an unknown " + name + ": " + raw));
    }
}
