package dev.aiblog.functions.image;

import dev.aiblog.aws.AwsWiring;
import dev.aiblog.core.ai.ImageModel;
import dev.aiblog.core.config.Settings;
import dev.aiblog.core.lambda.StepHandler;
import dev.aiblog.core.model.Draft;
import dev.aiblog.core.model.Step;
import dev.aiblog.core.ports.Content;
import dev.aiblog.core.ports.Requests;
import dev.aiblog.core.steps.StepContracts.ImageInput;
import dev.aiblog.core.steps.StepContracts.ImageOutput;
import dev.aiblog.models.ModelProviders;

/** GenerateImage: the draft's image prompt to an image, stored privately in S3; returns its key and usage. */
public final class ImageHandler extends StepHandler<ImageInput, ImageOutput> {
    private final ImageModel images;
    private final Content content;

    public ImageHandler() {
        this(Settings.fromEnvironment());
    }

    public ImageHandler(Settings settings) {
        this(ModelProviders.fromSettings(settings).image(), AwsWiring.of(settings));
        useMetrics(dev.aiblog.core.metrics.Metrics.forFunction(settings));
    }

    private ImageHandler(ImageModel images, AwsWiring aws) {
        this(images, aws.requests(), aws.content());
    }

    public ImageHandler(ImageModel images, Requests requests, Content content) {
        super(ImageInput.class, requests);
        this.images = images;
        this.content = content;
    }

    /** A retry of the request reuses what this step made (kept in S3 under the request's keys): no model call. */
    @Override
    protected java.util.Optional<Class<ImageOutput>> reusableAs() {
        return java.util.Optional.of(ImageOutput.class);
    }

    @Override
    protected Step step(ImageInput input) {
        return Step.IMAGE;
    }

    @Override
    protected ImageOutput run(ImageInput input) {
        Draft draft = content.getDraft(input.draftKey());
        ImageModel.GeneratedImage image = images.draw(draft.imagePrompt());
        String key = content.putImage(input.requestId(), image.bytes(), image.contentType());
        return new ImageOutput(key, image.model(), image.usage());
    }
}
