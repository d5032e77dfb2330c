package dev.aiblog.functions.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TitleSimilarityTest {
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Common mistakes in serverless architecture and how to avoid them | Common Mistakes in Serverless Architecture (and How to Avoid Them) | 1.0",
                "The trade-offs of web performance | Web performance trade-offs                       | 1.0",
                "Queues and retries                 | The queue, and retrying                           | 0.333",
                "Lessons learned from serverless architecture in production | Serverless Architecture: Building Scalable Apps | 0.25",
                "A practical introduction to Rust   | Gardening for beginners                           | 0.0",
                "the and of                         | anything at all                                  | 0.0"
            })
    void jaccardOfTheWordSets(String a, String b, double expected) {
        assertThat(TitleSimilarity.jaccard(a, b)).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.01));
        assertThat(TitleSimilarity.jaccard(b, a)).isEqualTo(TitleSimilarity.jaccard(a, b));
    }

    @org.junit.jupiter.api.Test
    void closestIsTheMostSimilarTitle() {
        assertThat(TitleSimilarity.closest(
                        "Web performance budgets", List.of("Cooking pasta", "Performance budgets for the web")))
                .isEqualTo(1.0);
        assertThat(TitleSimilarity.closest("Anything", List.of())).isZero();
    }
}
