package dev.aiblog.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiblog.core.model.Draft;
import dev.aiblog.core.text.DraftCheck;
import dev.aiblog.core.text.ReadingTime;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextRulesTest {
    @ParameterizedTest
    @CsvSource({"0,1", "1,1", "230,1", "231,2", "1150,5"})
    void readingTimeRoundsUpAtTwoHundredThirtyWordsAMinute(int words, int minutes) {
        String body = String.join(" ", Collections.nCopies(words, "word"));

        assertThat(ReadingTime.minutes(body)).isEqualTo(minutes);
    }

    @Test
    void markdownSyntaxIsNotCountedAsWords() {
        assertThat(ReadingTime.words("## Heading\n\n- one *two* `three`\n")).isEqualTo(4);
    }

    @Test
    void aCompleteDraftHasNoProblems() {
        assertThat(DraftCheck.problems(new Draft("T", "S", "B", List.of("a"), "P")))
                .isEmpty();
    }

    @Test
    void eachMissingOrEmptyFieldIsNamed() {
        List<String> problems = DraftCheck.problems(new Draft(null, " ", "B", List.of(), ""));

        assertThat(problems)
                .containsExactly(
                        "title is missing", "summary is empty", "imagePrompt is empty", "tags is missing or empty");
    }

    @Test
    void tooManyTagsAreRefused() {
        List<String> tags = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i");

        assertThat(DraftCheck.problems(new Draft("T", "S", "B", tags, "P")))
                .containsExactly("tags has 9 entries, at most 8 allowed");
    }
}
