package dev.aiblog.functions.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopicPlannerTest {
    static final List<String> THEMES = List.of("serverless architecture", "developer productivity", "web performance");
    static final Instant TICK = Instant.parse("2026-11-24T18:00:00Z");
    final TopicPlanner planner = new TopicPlanner(THEMES, 0.5);

    @Test
    void plansTheSameTopicsForTheSameTick() {
        assertThat(planner.plan(TICK, 2, List.of())).isEqualTo(planner.plan(TICK, 2, List.of()));
    }

    @Test
    void plansDifferentTopicsAcrossTicks() {
        Set<List<String>> plans = java.util.stream.IntStream.range(0, 12)
                .mapToObj(i -> planner.plan(TICK.plusSeconds(6L * 3600 * i), 1, List.of())
                        .topics())
                .collect(Collectors.toSet());

        assertThat(plans.size()).isGreaterThan(3);
    }

    @Test
    void picksOneTopicPerThemeBeforeRepeatingATheme() {
        List<String> topics = planner.plan(TICK, 3, List.of()).topics();

        assertThat(topics).hasSize(3);
        assertThat(THEMES)
                .allSatisfy(theme ->
                        assertThat(topics).filteredOn(t -> t.contains(theme)).hasSize(1));
    }

    @Test
    void picksMoreTopicsThanThemesWhenAskedTo() {
        List<String> topics = planner.plan(TICK, 5, List.of()).topics();

        assertThat(topics).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void skipsTopicsTooCloseToRecentTitles() {
        String first = planner.plan(TICK, 1, List.of()).topics().getFirst();

        TopicPlanner.Plan plan = planner.plan(TICK, 1, List.of(first.toUpperCase() + "!"));

        assertThat(plan.skipped()).contains(first);
        assertThat(plan.topics()).singleElement().isNotEqualTo(first);
        assertThat(TitleSimilarity.closest(plan.topics().getFirst(), List.of(first)))
                .isLessThan(0.5);
    }

    @Test
    void plansNothingWhenEveryCandidateIsTooClose() {
        List<String> everything = planner.candidates(TICK).stream()
                .map(TopicPlanner.Candidate::topic)
                .toList();

        TopicPlanner.Plan plan = planner.plan(TICK, 2, everything);

        assertThat(plan.topics()).isEmpty();
        assertThat(plan.skipped()).hasSize(everything.size());
    }

    @Test
    void plansNothingWithoutThemes() {
        assertThat(new TopicPlanner(List.of(), 0.5).plan(TICK, 3, List.of()).topics())
                .isEmpty();
    }
}
