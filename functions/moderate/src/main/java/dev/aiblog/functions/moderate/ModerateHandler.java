package dev.aiblog.functions.moderate;

import dev.aiblog.core.ai.Moderator;
import dev.aiblog.core.aws.AwsClients;
import dev.aiblog.core.config.Settings;
import dev.aiblog.core.lambda.JsonHandler;
import dev.aiblog.core.model.Step;
import dev.aiblog.core.steps.StepContracts.ModerateInput;
import dev.aiblog.core.steps.StepContracts.ModerateOutput;
import dev.aiblog.core.steps.StepContracts.Target;
import dev.aiblog.core.store.ContentStore;
import dev.aiblog.core.store.RequestStore;
import dev.aiblog.models.ModelProviders;
import java.time.Clock;

/**
 * ModerateTopic and ModerateText: screens the topic before anything is generated, and the draft before it is
 * illustrated and published. A flagged verdict is data, not an error: the state machine's Choice routes it to
 * Reject.
 */
public final class ModerateHandler extends JsonHandler<ModerateInput, ModerateOutput> {
    private final Moderator moderator;
    private final RequestStore requests;
    private final ContentStore content;

    public ModerateHandler() {
        this(Settings.fromEnvironment());
    }

    public ModerateHandler(Settings settings) {
        this(ModelProviders.fromSettings(settings).moderator(),
                new RequestStore(AwsClients.dynamoDb(settings), settings.requestsTable(), Clock.systemUTC()),
                new ContentStore(AwsClients.s3(settings), settings.contentBucket()));
    }

    public ModerateHandler(Moderator moderator, RequestStore requests, ContentStore content) {
        super(ModerateInput.class);
        this.moderator = moderator;
        this.requests = requests;
        this.content = content;
    }

    @Override
    protected ModerateOutput handle(ModerateInput input) {
        Target target = input.target() == null ? Target.TOPIC : input.target();
        requests.enterStep(input.requestId(), target == Target.TOPIC ? Step.MODERATE_TOPIC : Step.MODERATE_TEXT);
        String text = switch (target) {
            case TOPIC -> requireText(input.text(), "text");
            case TEXT -> content.getDraft(requireText(input.draftKey(), "draftKey")).moderationText();
        };
        Moderator.Verdict verdict = moderator.check(text);
        return new ModerateOutput(target, verdict.flagged(), verdict.categories(), verdict.model());
    }

    private static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("moderation input has no " + field);
        }
        return value;
    }
}
