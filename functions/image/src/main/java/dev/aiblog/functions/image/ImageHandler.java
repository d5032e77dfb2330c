package dev.aiblog.functions.image;

import dev.aiblog.core.ai.ImageModel;
import dev.aiblog.core.aws.AwsClients;
import dev.aiblog.core.config.Settings;
import dev.aiblog.core.lambda.JsonHandler;
import dev.aiblog.core.model.Draft;
import dev.aiblog.core.model.Step;
import dev.aiblog.core.steps.StepContracts.ImageInput;
import dev.aiblog.core.steps.StepContracts.ImageOutput;
import dev.aiblog.core.store.ContentStore;
import dev.aiblog.core.store.RequestStore;
import dev.aiblog.models.ModelProviders;
import java.time.Clock;

/** GenerateImage: the draft's image prompt to an image, stored privately in S3; returns its key and usage. */
public final class ImageHandler extends JsonHandler<ImageInput, ImageOutput> {
    private final ImageModel images;
    private final RequestStore requests;
    private final ContentStore content;

    public ImageHandler() {
        this(Settings.fromEnvironment());
    }

    public ImageHandler(Settings settings) {
        this(ModelProviders.fromSettings(settings).image(),
                new RequestStore(AwsClients.dynamoDb(settings), settings.requestsTable(), Clock.systemUTC()),
                new ContentStore(AwsClients.s3(settings), settings.contentBucket()));
    }

    public ImageHandler(ImageModel images, RequestStore requests, ContentStore content) {
        super(ImageInput.class);
        this.images = images;
        this.requests = requests;
        this.content = content;
    }

    @Override
    protected ImageOutput handle(ImageInput input) {
        requests.enterStep(input.requestId(), Step.IMAGE);
        Draft draft = content.getDraft(input.draftKey());
        ImageModel.GeneratedImage image = images.draw(draft.imagePrompt());
        String key = content.putImage(input.requestId(), image.bytes(), image.contentType());
        return new ImageOutput(key, image.model(), image.usage());
    }
}
