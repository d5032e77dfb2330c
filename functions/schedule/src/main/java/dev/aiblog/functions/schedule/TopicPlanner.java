package dev.aiblog.functions.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the configured themes into topics for one tick: each theme under a few angles, in an order that depends
 * only on the tick's scheduled time (so a redelivered tick plans the same topics) and changes from tick to tick.
 * A candidate too close to a recent title is passed over.
 */
final class TopicPlanner {
    /** Angles a theme is written from; "%s" is the theme. */
    static final List<String> ANGLES = List.of(
            "%s: a practical introduction",
            "Common mistakes in %s and how to avoid them",
            "Lessons learned from %s in production",
            "The trade-offs of %s",
            "A checklist for getting %s right",
            "What is changing in %s this year");

    /** The topics picked, and the candidates passed over on the way. */
    record Plan(List<String> topics, List<String> skipped) {}

    private final List<String> themes;
    private final double threshold;

    TopicPlanner(List<String> themes, double threshold) {
        this.themes = List.copyOf(themes);
        this.threshold = threshold;
    }

    /** A topic and the theme it came from. */
    record Candidate(String theme, String topic) {}

    /** Every candidate for the tick, best first: all themes under one angle before the next angle, rotated per tick. */
    List<Candidate> candidates(Instant scheduledTime) {
        List<Candidate> all = new ArrayList<>();
        for (String angle : ANGLES) {
            for (String theme : themes) {
                all.add(new Candidate(theme, angle.formatted(theme.strip())));
            }
        }
        if (all.isEmpty()) {
            return all;
        }
        int offset = Math.floorMod(scheduledTime.toString().hashCode(), all.size());
        List<Candidate> rotated = new ArrayList<>(all.subList(offset, all.size()));
        rotated.addAll(all.subList(0, offset));
        return rotated;
    }

    /**
     * Picks up to {@code count} topics: none too close to a recent title, and no theme twice in a tick while
     * another theme is still unused.
     */
    Plan plan(Instant scheduledTime, int count, Collection<String> recentTitles) {
        List<String> picked = new ArrayList<>();
        Set<String> themesUsed = new HashSet<>();
        List<String> skipped = new ArrayList<>();
        List<Candidate> candidates = candidates(scheduledTime);
        for (int round = 0; round < 2 && picked.size() < count; round++) {
            for (Candidate candidate : candidates) {
                if (picked.size() == count) {
                    break;
                }
                if (picked.contains(candidate.topic()) || (round == 0 && themesUsed.contains(candidate.theme()))) {
                    continue;
                }
                if (TitleSimilarity.closest(candidate.topic(), recentTitles) >= threshold) {
                    if (round == 0) {
                        skipped.add(candidate.topic());
                    }
                    continue;
                }
                picked.add(candidate.topic());
                themesUsed.add(candidate.theme());
            }
        }
        return new Plan(picked, skipped);
    }
}
