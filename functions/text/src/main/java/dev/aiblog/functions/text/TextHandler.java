package dev.aiblog.functions.text;

import dev.aiblog.aws.AwsWiring;
import dev.aiblog.core.ai.ModelProvider;
import dev.aiblog.core.ai.TextModel.GeneratedText;
import dev.aiblog.core.config.Settings;
import dev.aiblog.core.lambda.StepHandler;
import dev.aiblog.core.model.PostOptions;
import dev.aiblog.core.model.Step;
import dev.aiblog.core.model.Topic;
import dev.aiblog.core.ports.Content;
import dev.aiblog.core.ports.Requests;
import dev.aiblog.core.steps.StepContracts.TextInput;
import dev.aiblog.core.steps.StepContracts.TextOutput;
import dev.aiblog.models.ModelProviders;

/** GenerateText: topic and options to a structured draft in S3; returns the draft's key and the token usage. */
public final class TextHandler extends StepHandler<TextInput, TextOutput> {
    private final ModelProvider provider;
    private final Content content;

    public TextHandler() {
        this(Settings.fromEnvironment());
    }

    public TextHandler(Settings settings) {
        this(ModelProviders.fromSettings(settings), AwsWiring.of(settings));
        useMetrics(dev.aiblog.core.metrics.Metrics.forFunction(settings));
    }

    private TextHandler(ModelProvider provider, AwsWiring aws) {
        this(provider, aws.requests(), aws.content());
    }

    public TextHandler(ModelProvider provider, Requests requests, Content content) {
        super(TextInput.class, requests);
        this.provider = provider;
        this.content = content;
    }

    @Override
    protected void check(TextInput input) {
        if (input.topic() == null || input.topic().isBlank()) {
            throw new IllegalArgumentException("text step input has no topic");
        }
    }

    /** A retry of the request reuses what this step made (kept in S3 under the request's keys): no model call. */
    @Override
    protected java.util.Optional<Class<TextOutput>> reusableAs() {
        return java.util.Optional.of(TextOutput.class);
    }

    @Override
    protected Step step(TextInput input) {
        return Step.TEXT;
    }

    @Override
    protected TextOutput run(TextInput input) {
        PostOptions options = new PostOptions(input.audience(), input.tone(), input.length());
        GeneratedText text = provider.text().write(Topic.of(input.topic()).value(), options);
        String key = content.putDraft(input.requestId(), text.draft());
        return new TextOutput(
                key, text.draft().title(), text.model(), text.usage(), provider.name(), provider.offline());
    }
}
