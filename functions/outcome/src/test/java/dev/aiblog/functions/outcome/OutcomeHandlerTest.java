package dev.aiblog.functions.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiblog.core.memory.InMemoryRequests;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.PostOptions;
import dev.aiblog.core.model.Status;
import dev.aiblog.core.model.Step;
import dev.aiblog.core.steps.StepContracts.CaughtError;
import dev.aiblog.core.steps.StepContracts.ModerateOutput;
import dev.aiblog.core.steps.StepContracts.Outcome;
import dev.aiblog.core.steps.StepContracts.OutcomeInput;
import dev.aiblog.core.steps.StepContracts.OutcomeOutput;
import dev.aiblog.core.steps.StepContracts.Target;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomeHandlerTest {
    private final InMemoryRequests requests = new InMemoryRequests();
    private final OutcomeHandler handler = new OutcomeHandler(requests);

    OutcomeHandlerTest() {
        requests.create(BlogRequest.queued(
                "r1", "ann", "tide pools", PostOptions.DEFAULT, Instant.parse("2026-12-01T00:00:00Z")));
    }

    @Test
    void aFlaggedTextIsRejectedWithItsCategories() {
        OutcomeOutput out = handler.handle(new OutcomeInput(
                "r1", Outcome.REJECTED, new ModerateOutput(Target.TEXT, true, List.of("hate", "violence"), "m"), null));

        BlogRequest request = requests.get("r1");
        assertThat(out.status()).isEqualTo("REJECTED");
        assertThat(request.status()).isEqualTo(Status.REJECTED);
        assertThat(request.step()).isEqualTo(Step.MODERATE_TEXT);
        assertThat(request.categories()).containsExactly("hate", "violence");
        assertThat(request.reason())
                .isEqualTo("The generated text was flagged by moderation (hate, violence); nothing was published.");
    }

    @Test
    void aCaughtErrorFailsTheRequestWithItsNameAndTheMessageOfItsCause() {
        handler.handle(new OutcomeInput(
                "r1",
                Outcome.FAILED,
                null,
                new CaughtError("dev.aiblog.core.errors.RateLimitedException", "{\"errorMessage\":\"slow down\"}")));

        BlogRequest request = requests.get("r1");
        assertThat(request.status()).isEqualTo(Status.FAILED);
        assertThat(request.errorName()).isEqualTo("RateLimitedException");
        assertThat(request.reason()).isEqualTo("RateLimitedException: slow down");
    }

    @Test
    void theReasonNamesTheStepTheRequestFailedIn() {
        requests.enterStep("r1", Step.IMAGE);

        OutcomeOutput out = handler.handle(
                new OutcomeInput("r1", Outcome.FAILED, null, new CaughtError("States.Timeout", "took too long")));

        assertThat(out.reason()).isEqualTo("States.Timeout in step IMAGE: took too long");
    }

    @Test
    void aRequestThatEndedKeepsItsOutcome() {
        requests.markRejected("r1", Step.MODERATE_TOPIC, List.of("violence"), "flagged");

        handler.handle(
                new OutcomeInput("r1", Outcome.FAILED, null, new CaughtError("States.ExecutionTIMED_OUT", "late")));

        assertThat(requests.get("r1").status()).isEqualTo(Status.REJECTED);
    }
}
