package dev.aiblog.functions.schedule;

import dev.aiblog.core.intake.Accepted;
import dev.aiblog.core.intake.IdempotencyConflictException;
import dev.aiblog.core.intake.RequestIntake;
import dev.aiblog.core.intake.Submission;
import dev.aiblog.core.lambda.LambdaLogs;
import dev.aiblog.core.limits.Budget;
import dev.aiblog.core.model.Post;
import dev.aiblog.core.model.PostOptions;
import dev.aiblog.core.ports.Posts;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tick of the schedule: plans topics from the themes (see {@link TopicPlanner}) against the newest post
 * titles, and submits each through the same {@link RequestIntake} as {@code POST /blogs}. The idempotency key of
 * the i-th topic is {@code <scheduledTime>#i}, so a tick delivered twice makes its requests once: the replay
 * gets the same request ids back, or, should it plan a different topic for a slot, a conflict that is skipped.
 */
public final class Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private final RequestIntake intake;
    private final Posts blogs;
    private final TopicPlanner planner;
    private final int postsPerTick;
    private final int recentTitles;
    private final String owner;
    private final Clock clock;

    public Scheduler(
            RequestIntake intake,
            Posts blogs,
            List<String> themes,
            int postsPerTick,
            int recentTitles,
            double similarityThreshold,
            String owner,
            Clock clock) {
        this.intake = intake;
        this.blogs = blogs;
        this.planner = new TopicPlanner(themes, similarityThreshold);
        this.postsPerTick = postsPerTick;
        this.recentTitles = recentTitles;
        this.owner = owner;
        this.clock = clock;
        if (themes.isEmpty()) {
            LOG.warn("SCHEDULE_THEMES is empty: scheduled ticks will make no requests");
        }
    }

    public ScheduleResult tick(ScheduleTick tick) {
        Instant scheduledTime = scheduledTime(tick);
        List<String> titles = blogs.feed(null, recentTitles, null).posts().stream()
                .map(Post::title)
                .toList();
        TopicPlanner.Plan plan = planner.plan(scheduledTime, postsPerTick, titles);
        List<String> requestIds = new ArrayList<>();
        List<String> skipped = new ArrayList<>(plan.skipped());
        for (int slot = 0; slot < plan.topics().size(); slot++) {
            String topic = plan.topics().get(slot);
            String key = "schedule#" + scheduledTime + "#" + slot;
            LambdaLogs.uncorrelate();
            try {
                Accepted accepted =
                        intake.submitScheduled(owner, new Submission(topic, PostOptions.DEFAULT), Optional.of(key));
                requestIds.add(accepted.requestId());
                LOG.info(
                        "tick {} slot {}: {} request {} for \"{}\"",
                        scheduledTime,
                        slot,
                        accepted.replayed() ? "already made" : "made",
                        accepted.requestId(),
                        topic);
            } catch (Budget.ExhaustedException e) {
                LOG.warn("tick {}: nothing enqueued: {}", scheduledTime, e.getMessage());
                skipped.addAll(plan.topics().subList(slot, plan.topics().size()));
                break;
            } catch (IdempotencyConflictException e) {
                LOG.info(
                        "tick {} slot {}: filled by an earlier delivery of this tick; \"{}\" not submitted",
                        scheduledTime,
                        slot,
                        topic);
                skipped.add(topic);
            } catch (IllegalArgumentException e) {
                LOG.warn("tick {} slot {}: topic \"{}\" is not valid: {}", scheduledTime, slot, topic, e.getMessage());
                skipped.add(topic);
            }
        }
        if (!plan.skipped().isEmpty()) {
            LOG.info("tick {}: passed over as too close to recent titles: {}", scheduledTime, plan.skipped());
        }
        return new ScheduleResult(scheduledTime.toString(), requestIds, skipped);
    }

    /** The tick's scheduled time; without one (a manual invoke) the current minute, so repeats within it collapse. */
    private Instant scheduledTime(ScheduleTick tick) {
        if (tick != null
                && tick.scheduledTime() != null
                && !tick.scheduledTime().isBlank()) {
            try {
                return Instant.parse(tick.scheduledTime().strip());
            } catch (DateTimeParseException e) {
                LOG.warn(
                        "scheduledTime '{}' is not an ISO-8601 instant; using the current minute",
                        tick.scheduledTime());
            }
        }
        return Instant.now(clock).truncatedTo(ChronoUnit.MINUTES);
    }
}
