package dev.aiblog.functions.schedule;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.aiblog.aws.AwsWiring;
import dev.aiblog.core.config.Settings;
import dev.aiblog.core.lambda.LambdaLogs;

/**
 * The EventBridge Scheduler target: on each tick, enqueues the configured number of requests
 * ({@code SCHEDULED_POSTS_PER_TICK}) from the configured themes ({@code SCHEDULE_THEMES}) through the
 * {@link Scheduler}.
 */
public final class ScheduleHandler implements RequestHandler<ScheduleTick, ScheduleResult> {
    private final Scheduler scheduler;

    /** For Lambda: configuration from the environment template.yaml sets. */
    public ScheduleHandler() {
        this(Settings.fromEnvironment());
    }

    public ScheduleHandler(Settings settings) {
        this(scheduler(settings));
    }

    public ScheduleHandler(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public ScheduleResult handleRequest(ScheduleTick tick, Context context) {
        return LambdaLogs.around(context, () -> scheduler.tick(tick));
    }

    private static Scheduler scheduler(Settings settings) {
        AwsWiring aws = AwsWiring.of(settings);
        return new Scheduler(
                aws.intake(),
                aws.posts(),
                settings.scheduleThemes(),
                settings.scheduledPostsPerTick(),
                settings.scheduleRecentTitles(),
                settings.scheduleSimilarityThreshold(),
                settings.scheduleOwner(),
                aws.clock());
    }
}
