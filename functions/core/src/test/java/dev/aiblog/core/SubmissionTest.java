package dev.aiblog.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiblog.core.intake.Submission;
import dev.aiblog.core.model.Audience;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.Length;
import dev.aiblog.core.model.PostOptions;
import dev.aiblog.core.model.Tone;
import dev.aiblog.core.steps.ExecutionInput;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubmissionTest {
    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "abc | ",
                "ab | must be at least 3 characters",
                "'' | is empty",
                "a\u0000c | must not contain control characters",
                "日本語 | "
            })
    void topicRules(String topic, String problem) {
        assertThat(Submission.topicProblem(topic).orElse(null)).isEqualTo(problem);
    }

    @Test
    void countsCharactersNotUtf16Units() {
        String twoHundredEmoji = "😀".repeat(200);

        assertThat(Submission.topicProblem(twoHundredEmoji)).isEmpty();
        assertThat(Submission.topicProblem(twoHundredEmoji + "😀")).contains("must be at most 200 characters");
    }

    @Test
    void sameRequestAfterTrimmingAndDefaultsHasTheSameFingerprint() {
        Submission plain = new Submission("Serverless queues", null);
        Submission spelledOut = new Submission(
                "  Serverless queues ", new PostOptions(Audience.GENERAL, Tone.INFORMATIVE, Length.MEDIUM));
        Submission other = new Submission("Serverless queues", new PostOptions(Audience.EXPERT, null, null));

        assertThat(spelledOut.fingerprint()).isEqualTo(plain.fingerprint()).hasSize(64);
        assertThat(other.fingerprint()).isNotEqualTo(plain.fingerprint());
    }

    @Test
    void refusesAnInvalidTopic() {
        assertThatThrownBy(() -> new Submission(" x ", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("topic");
    }

    @Test
    void executionInputCarriesAllFiveFieldsAsWireStrings() {
        BlogRequest request = BlogRequest.queued(
                "r-1", "me", "Topic", new PostOptions(Audience.EXPERT, Tone.PLAYFUL, null), Instant.EPOCH);

        ExecutionInput input = ExecutionInput.of(request);

        assertThat(Json.write(input))
                .isEqualTo(
                        "{\"requestId\":\"r-1\",\"topic\":\"Topic\",\"audience\":\"expert\",\"tone\":\"playful\",\"length\":\"medium\"}");
        assertThat(input.problems()).isEmpty();
        assertThat(new ExecutionInput("bad id", null, "x", "y", "z").problems()).hasSize(5);
    }
}
