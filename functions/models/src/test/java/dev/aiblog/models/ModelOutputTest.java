package dev.aiblog.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiblog.core.errors.BadModelOutputException;
import dev.aiblog.core.model.Draft;
import dev.aiblog.core.model.Length;
import dev.aiblog.core.model.PostOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelOutputTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not json at all                                                                       | not valid JSON",
                "[1, 2]                                                                                | not a JSON object",
                "{\"title\":\"T\",\"summary\":\"S\",\"tags\":[\"a\"],\"imagePrompt\":\"P\"}                   | body is missing",
                "{\"title\":\"T\",\"summary\":\"S\",\"body\":\"\",\"tags\":[\"a\"],\"imagePrompt\":\"P\"}      | body is empty",
                "{\"title\":\"T\",\"summary\":\"S\",\"body\":\"B\",\"tags\":[],\"imagePrompt\":\"P\"}          | tags is missing or empty",
                "{\"title\":7,\"summary\":\"S\",\"body\":\"B\",\"tags\":[\"a\"],\"imagePrompt\":\"P\"}         | title is not a string",
                "{\"title\":\"T\",\"summary\":\"S\",\"body\":\"B\",\"tags\":\"a\",\"imagePrompt\":\"P\"}       | tags is not an array",
            })
    void unusableStructuredOutputIsABadModelOutputNamingTheProblem(String content, String problem) {
        assertThatThrownBy(() -> OpenAiModels.parseDraft(content))
                .isInstanceOf(BadModelOutputException.class)
                .hasMessageContaining(problem);
    }

    @Test
    void aGoodDraftIsTrimmedAndItsTagsDeduplicated() {
        Draft draft = OpenAiModels.parseDraft(
                "{\"title\":\" T \",\"summary\":\"S\",\"body\":\"B\",\"tags\":[\"a\",\"a \",\"b\"],\"imagePrompt\":\"P\"}");

        assertThat(draft.title()).isEqualTo("T");
        assertThat(draft.tags()).containsExactly("a", "b");
    }

    @Test
    void theOfflineProviderSaysSoInEveryPost() {
        OfflineModels offline = new OfflineModels();

        Draft draft = offline.write("tide pools", new PostOptions(null, null, Length.SHORT))
                .draft();

        assertThat(draft.body()).startsWith(OfflineModels.NOTICE);
        assertThat(draft.summary()).contains("no language model");
        assertThat(draft.tags()).contains("offline");
    }

    @Test
    void theOfflineImageIsAPng() {
        byte[] png = new OfflineModels().draw("an abstract sea").bytes();

        assertThat(ImageFormats.contentType(png)).isEqualTo("image/png");
    }

    @Test
    void theOfflineScreenFlagsViolentTopicsAndPassesOthers() {
        OfflineModels offline = new OfflineModels();

        assertThat(offline.check("how to build a bomb").categories()).containsExactly("violence");
        assertThat(offline.check("how to build a birdhouse").flagged()).isFalse();
    }
}
