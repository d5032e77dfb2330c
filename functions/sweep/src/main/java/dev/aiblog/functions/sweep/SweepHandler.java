package dev.aiblog.functions.sweep;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.aiblog.aws.AwsWiring;
import dev.aiblog.core.config.Settings;
import dev.aiblog.core.metrics.Metrics;
import java.time.Duration;
import java.util.Map;

/**
 * The scheduled sweep (EventBridge Scheduler, {@code SweepSchedule} in template.yaml): ends or re-drives requests
 * stuck in QUEUED or RUNNING through the {@link Sweeper}. Its input is ignored: every run looks at the table as it is.
 */
public final class SweepHandler implements RequestHandler<Map<String, Object>, Sweeper.Result> {
    private final Sweeper sweeper;

    /** For Lambda: configuration from the environment template.yaml sets. */
    public SweepHandler() {
        this(Settings.fromEnvironment());
    }

    public SweepHandler(Settings settings) {
        this(sweeper(AwsWiring.of(settings)));
    }

    public SweepHandler(Sweeper sweeper) {
        this.sweeper = sweeper;
    }

    @Override
    public Sweeper.Result handleRequest(Map<String, Object> event, Context context) {
        return sweeper.sweep();
    }

    private static Sweeper sweeper(AwsWiring aws) {
        Duration stuckAfter = Duration.ofSeconds(
                Long.parseLong(aws.settings().get("STUCK_AFTER_SECONDS").orElse("4500")));
        Duration reviewTimeout = Duration.ofSeconds(
                Long.parseLong(aws.settings().get("REVIEW_TIMEOUT_SECONDS").orElse("604800")));
        return new Sweeper(
                aws.requests(),
                aws.requestQueue(),
                stuckAfter,
                reviewTimeout,
                aws.clock(),
                Metrics.forFunction(aws.settings()));
    }
}
