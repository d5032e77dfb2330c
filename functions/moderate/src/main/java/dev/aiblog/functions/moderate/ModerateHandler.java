package dev.aiblog.functions.moderate;

import dev.aiblog.aws.AwsWiring;
import dev.aiblog.core.ai.Moderator;
import dev.aiblog.core.config.Settings;
import dev.aiblog.core.lambda.StepHandler;
import dev.aiblog.core.model.Step;
import dev.aiblog.core.ports.Content;
import dev.aiblog.core.ports.Requests;
import dev.aiblog.core.steps.StepContracts.ModerateInput;
import dev.aiblog.core.steps.StepContracts.ModerateOutput;
import dev.aiblog.core.steps.StepContracts.Target;
import dev.aiblog.models.ModelProviders;

/**
 * ModerateTopic and ModerateText: screens the topic before anything is generated, and the draft before it is
 * illustrated and published. A flagged verdict is data, not an error: the state machine's Choice routes it to
 * Reject.
 */
public final class ModerateHandler extends StepHandler<ModerateInput, ModerateOutput> {
    private final Moderator moderator;
    private final Content content;

    public ModerateHandler() {
        this(Settings.fromEnvironment());
    }

    public ModerateHandler(Settings settings) {
        this(ModelProviders.fromSettings(settings).moderator(), AwsWiring.of(settings));
        useMetrics(dev.aiblog.core.metrics.Metrics.forFunction(settings));
    }

    private ModerateHandler(Moderator moderator, AwsWiring aws) {
        this(moderator, aws.requests(), aws.content());
    }

    public ModerateHandler(Moderator moderator, Requests requests, Content content) {
        super(ModerateInput.class, requests);
        this.moderator = moderator;
        this.content = content;
    }

    @Override
    protected Step step(ModerateInput input) {
        return target(input) == Target.TOPIC ? Step.MODERATE_TOPIC : Step.MODERATE_TEXT;
    }

    @Override
    protected ModerateOutput run(ModerateInput input) {
        Target target = target(input);
        String text = switch (target) {
            case TOPIC -> requireText(input.text(), "text");
            case TEXT ->
                content.getDraft(requireText(input.draftKey(), "draftKey")).moderationText();
        };
        Moderator.Verdict verdict = moderator.check(text);
        return new ModerateOutput(target, verdict.flagged(), verdict.categories(), verdict.model());
    }

    private static Target target(ModerateInput input) {
        return input.target() == null ? Target.TOPIC : input.target();
    }

    private static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("moderation input has no " + field);
        }
        return value;
    }
}
