package dev.aiblog.functions.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiblog.core.ai.ImageModel;
import dev.aiblog.core.errors.NotFoundException;
import dev.aiblog.core.memory.InMemoryContent;
import dev.aiblog.core.memory.InMemoryRequests;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.Draft;
import dev.aiblog.core.model.PostOptions;
import dev.aiblog.core.model.Step;
import dev.aiblog.core.model.TokenUsage;
import dev.aiblog.core.steps.StepContracts.ImageInput;
import dev.aiblog.core.steps.StepContracts.ImageOutput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageHandlerTest {
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    private final InMemoryRequests requests = new InMemoryRequests();
    private final InMemoryContent content = new InMemoryContent();
    private final List<String> prompts = new ArrayList<>();
    /** The image model, standing in for the network. */
    private final ImageModel model = prompt -> {
        prompts.add(prompt);
        return new ImageModel.GeneratedImage(JPEG, "image/jpeg", "image-test", new TokenUsage(10, 0, 1));
    };

    private final ImageHandler handler = new ImageHandler(model, requests, content);

    ImageHandlerTest() {
        requests.create(BlogRequest.queued(
                "r1", "ann", "tide pools", PostOptions.DEFAULT, Instant.parse("2026-12-01T00:00:00Z")));
    }

    @Test
    void drawsTheDraftsPromptAndStoresTheImageUnderItsType() {
        String draft = content.putDraft("r1", new Draft("T", "S", "B", List.of(), "a tide pool at dawn"));

        ImageOutput out = handler.handle(new ImageInput("r1", draft));

        assertThat(prompts).containsExactly("a tide pool at dawn");
        assertThat(out).isEqualTo(new ImageOutput("images/r1.jpg", "image-test", new TokenUsage(10, 0, 1)));
        assertThat(content.getBytes("images/r1.jpg")).isEqualTo(JPEG);
        assertThat(requests.get("r1").step()).isEqualTo(Step.IMAGE);
    }

    @Test
    void aMissingDraftFailsTheStepAndDrawsNothing() {
        assertThatThrownBy(() -> handler.handle(new ImageInput("r1", "drafts/r1/draft.json")))
                .isInstanceOf(NotFoundException.class);
        assertThat(prompts).isEmpty();
    }
}
