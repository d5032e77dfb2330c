package dev.aiblog.functions.moderate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiblog.core.ai.Moderator;
import dev.aiblog.core.errors.NotFoundException;
import dev.aiblog.core.memory.InMemoryContent;
import dev.aiblog.core.memory.InMemoryRequests;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.Draft;
import dev.aiblog.core.model.PostOptions;
import dev.aiblog.core.model.Status;
import dev.aiblog.core.model.Step;
import dev.aiblog.core.steps.StepContracts.ModerateInput;
import dev.aiblog.core.steps.StepContracts.ModerateOutput;
import dev.aiblog.core.steps.StepContracts.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModerateHandlerTest {
    private final InMemoryRequests requests = new InMemoryRequests();
    private final InMemoryContent content = new InMemoryContent();
    private final List<String> screened = new ArrayList<>();
    /** The moderation model, standing in for the network: flags anything that mentions a weapon. */
    private final Moderator moderator = text -> {
        screened.add(text);
        boolean flagged = text.contains("weapon");
        return new Moderator.Verdict(flagged, flagged ? List.of("violence") : List.of(), "moderation-test");
    };

    private final ModerateHandler handler = new ModerateHandler(moderator, requests, content);

    ModerateHandlerTest() {
        requests.create(BlogRequest.queued(
                "r1", "ann", "tide pools", PostOptions.DEFAULT, Instant.parse("2026-12-01T00:00:00Z")));
    }

    @Test
    void screensTheTopicAndRecordsTheStep() {
        ModerateOutput out = handler.handle(new ModerateInput("r1", Target.TOPIC, "tide pools in winter", null));

        assertThat(out).isEqualTo(new ModerateOutput(Target.TOPIC, false, List.of(), "moderation-test"));
        assertThat(screened).containsExactly("tide pools in winter");
        assertThat(requests.get("r1").status()).isEqualTo(Status.RUNNING);
        assertThat(requests.get("r1").step()).isEqualTo(Step.MODERATE_TOPIC);
    }

    @Test
    void aFlaggedVerdictIsDataNotAnError() {
        ModerateOutput out = handler.handle(new ModerateInput("r1", null, "how to build a weapon", null));

        assertThat(out.target()).as("no target means the topic").isEqualTo(Target.TOPIC);
        assertThat(out.flagged()).isTrue();
        assertThat(out.categories()).containsExactly("violence");
    }

    @Test
    void screensTheDraftsTitleSummaryAndBody_forText() {
        String key =
                content.putDraft("r1", new Draft("Title", "Summary", "Body about a weapon", List.of("x"), "prompt"));

        ModerateOutput out = handler.handle(new ModerateInput("r1", Target.TEXT, null, key));

        assertThat(out.flagged()).isTrue();
        assertThat(screened).containsExactly("Title\n\nSummary\n\nBody about a weapon");
        assertThat(requests.get("r1").step()).isEqualTo(Step.MODERATE_TEXT);
    }

    @Test
    void refusesAnInputWithoutTheTextItScreens() {
        assertThatThrownBy(() -> handler.handle(new ModerateInput("r1", Target.TOPIC, " ", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text");
        assertThatThrownBy(() -> handler.handle(new ModerateInput("r1", Target.TEXT, null, "drafts/none/draft.json")))
                .isInstanceOf(NotFoundException.class);
        assertThat(screened).isEmpty();
    }

    @Test
    void aRequestThatHasEndedKeepsItsOutcome() {
        requests.markFailed("r1", "States.Timeout", "took too long");

        handler.handle(new ModerateInput("r1", Target.TOPIC, "tide pools", null));

        assertThat(requests.get("r1").status()).isEqualTo(Status.FAILED);
        assertThat(requests.stepsEntered()).isEmpty();
    }

    @Test
    void readsItsInputAsTheStateMachinePassesIt() throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        handler.handleRequest(
                new java.io.ByteArrayInputStream(
                        "{\"requestId\":\"r1\",\"target\":\"TOPIC\",\"text\":\"tide pools\"}".getBytes()),
                out,
                null);

        assertThat(dev.aiblog.core.Json.read(out.toString(), Map.class))
                .containsEntry("flagged", false)
                .containsEntry("target", "TOPIC");
    }
}
