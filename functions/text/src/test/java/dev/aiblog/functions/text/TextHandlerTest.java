package dev.aiblog.functions.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiblog.core.ai.ImageModel;
import dev.aiblog.core.ai.ModelProvider;
import dev.aiblog.core.ai.Moderator;
import dev.aiblog.core.ai.TextModel;
import dev.aiblog.core.memory.InMemoryContent;
import dev.aiblog.core.memory.InMemoryRequests;
import dev.aiblog.core.model.Audience;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.Draft;
import dev.aiblog.core.model.Length;
import dev.aiblog.core.model.PostOptions;
import dev.aiblog.core.model.Step;
import dev.aiblog.core.model.TokenUsage;
import dev.aiblog.core.model.Tone;
import dev.aiblog.core.steps.StepContracts.TextInput;
import dev.aiblog.core.steps.StepContracts.TextOutput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextHandlerTest {
    private final InMemoryRequests requests = new InMemoryRequests();
    private final InMemoryContent content = new InMemoryContent();
    private final List<String> asked = new ArrayList<>();
    /** The text model, standing in for the network. */
    private final TextModel model = (topic, options) -> {
        asked.add(topic + "|" + options);
        return new TextModel.GeneratedText(
                new Draft("On " + topic, "A summary", "## Body", List.of("nature"), "a drawing"),
                "text-test",
                TokenUsage.text(100, 400));
    };

    private final TextHandler handler =
            new TextHandler(new ModelProvider("test", false, model, unused(), unusedModerator()), requests, content);

    TextHandlerTest() {
        requests.create(BlogRequest.queued(
                "r1", "ann", "tide pools", PostOptions.DEFAULT, Instant.parse("2026-12-01T00:00:00Z")));
    }

    @Test
    void writesTheDraftToContentAndReturnsItsKeyAndUsage() {
        TextOutput out =
                handler.handle(new TextInput("r1", "  tide pools  ", Audience.EXPERT, Tone.PLAYFUL, Length.SHORT));

        assertThat(out.draftKey()).isEqualTo("drafts/r1/draft.json");
        assertThat(out.title()).isEqualTo("On tide pools");
        assertThat(out.usage()).isEqualTo(TokenUsage.text(100, 400));
        assertThat(out.provider()).isEqualTo("test");
        assertThat(content.getDraft(out.draftKey()).body()).isEqualTo("## Body");
        assertThat(asked).containsExactly("tide pools|" + new PostOptions(Audience.EXPERT, Tone.PLAYFUL, Length.SHORT));
        assertThat(requests.get("r1").step()).isEqualTo(Step.TEXT);
    }

    @Test
    void aLaterAttemptOfTheRequestReusesTheDraft_withoutCallingTheModelAgain() {
        TextInput input = new TextInput("r1", "tide pools", Audience.GENERAL, Tone.INFORMATIVE, Length.MEDIUM);
        TextOutput first = handler.handle(input);

        TextOutput again = handler.handle(input);

        assertThat(again).isEqualTo(first);
        assertThat(asked).hasSize(1);
        assertThat(requests.stepsEntered()).containsExactly("r1:TEXT", "r1:TEXT");
    }

    @Test
    void takesTheOptionsAsTheirWireNames() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(
                new ByteArrayInputStream(("{\"requestId\":\"r1\",\"topic\":\"tide pools\",\"audience\":\"beginner\","
                                + "\"tone\":\"conversational\",\"length\":\"long\"}")
                        .getBytes(StandardCharsets.UTF_8)),
                out,
                null);

        assertThat(asked)
                .containsExactly("tide pools|" + new PostOptions(Audience.BEGINNER, Tone.CONVERSATIONAL, Length.LONG));
    }

    @Test
    void refusesAnUnknownOptionNamingIt_beforeTouchingTheRequest() {
        assertThatThrownBy(() -> handler.handleRequest(
                        new ByteArrayInputStream("{\"requestId\":\"r1\",\"topic\":\"tide pools\",\"audience\":\"kids\"}"
                                .getBytes(StandardCharsets.UTF_8)),
                        new ByteArrayOutputStream(),
                        null))
                .hasMessageContaining("audience must be one of [general, beginner, expert]");
        assertThat(asked).isEmpty();
        assertThat(requests.stepsEntered()).isEmpty();
    }

    @Test
    void refusesAnEmptyTopic() {
        assertThatThrownBy(() -> handler.handle(new TextInput("r1", " ", null, null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("text step input has no topic");
        assertThat(requests.stepsEntered()).isEmpty();
    }

    private static ImageModel unused() {
        return prompt -> {
            throw new AssertionError("the text step draws no image");
        };
    }

    private static Moderator unusedModerator() {
        return text -> {
            throw new AssertionError("the text step moderates nothing");
        };
    }
}
