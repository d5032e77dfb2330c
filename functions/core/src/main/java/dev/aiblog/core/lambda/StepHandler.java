package dev.aiblog.core.lambda;

import dev.aiblog.core.Json;
import dev.aiblog.core.errors.TransientAwsException;
import dev.aiblog.core.model.Step;
import dev.aiblog.core.ports.Requests;
import dev.aiblog.core.steps.StepContracts.StepInput;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pipeline step: records on the request which step it is in, then does the step's work. Every step of the state
 * machine that works on a request extends it, so a request's current step is always the one running.
 *
 * @param <I> the step's input, which names its request
 * @param <O> the step's output
 */
public abstract class StepHandler<I extends StepInput, O> extends JsonHandler<I, O> {
    private static final Logger LOG = LoggerFactory.getLogger(StepHandler.class);

    private final Requests requests;
    private dev.aiblog.core.metrics.Metrics metrics = dev.aiblog.core.metrics.Metrics.none();
    private Clock clock = Clock.systemUTC();

    protected StepHandler(Class<I> inputType, Requests requests) {
        super(inputType);
        this.requests = requests;
    }

    @Override
    public final O handle(I input) {
        check(input);
        long started = System.nanoTime();
        try {
            Optional<Requests.StoredResult> stored = requests.enterStep(input.requestId(), step(input));
            Optional<Class<O>> reusable = reusableAs();
            if (reusable.isPresent() && stored.isPresent() && reusable(stored.get())) {
                O earlier = Json.read(stored.get().json(), reusable.get());
                LOG.info(
                        "step {} reuses the result an earlier attempt kept at {}: nothing paid for twice",
                        step(input),
                        stored.get().storedAt());
                metrics.record(input.requestId())
                        .dimension("Step", step(input).name())
                        .count("StepReused", 1)
                        .emit();
                return earlier;
            }
            O output = run(input);
            if (reusable.isPresent()) {
                requests.saveResult(input.requestId(), step(input), Json.write(output));
            }
            LOG.info("step {} done in {} ms", step(input), (System.nanoTime() - started) / 1_000_000);
            return output;
        } catch (RuntimeException e) {
            // throttling, 5xx and client errors of DynamoDB and S3 get one name the state machine retries
            RuntimeException reported = TransientAwsException.classify(e);
            if (reported instanceof dev.aiblog.core.errors.PipelineException
                    || reported instanceof TransientAwsException
                    || reported instanceof IllegalArgumentException) {
                // an error the state machine expects (rate limit, bad output, a bad input, a throttled write): its
                // name and message say it all
                LOG.warn("step {} failed: {}", step(input), reported.toString());
            } else {
                LOG.warn("step {} failed: {}", step(input), reported.toString(), reported);
            }
            throw reported;
        } finally {
            metrics.record(input.requestId())
                    .dimension("Step", step(input).name())
                    .millis("StepLatencyMs", (System.nanoTime() - started) / 1_000_000)
                    .emit();
        }
    }

    /** The clock that dates kept results (tests move it). */
    protected final void useClock(Clock clock) {
        this.clock = clock;
    }

    /** Where the step's latency goes ({@code StepLatencyMs} by {@code Step}); none unless set (Lambda: standard output). */
    protected final void useMetrics(dev.aiblog.core.metrics.Metrics metrics) {
        this.metrics = metrics;
    }

    /**
     * How long a kept result may be reused: less than the 30 days after which the bucket's lifecycle rule
     * ({@code expire-drafts} in template.yaml) deletes the drafts and images it points to.
     */
    public static final Duration REUSE_WINDOW = Duration.ofDays(25);

    /**
     * The step's output type when a later attempt of the same request may reuse its result instead of running again
     * (the model steps, whose results are kept in S3 under the request's keys); empty, the default, runs the step
     * every time (moderation, which is free and must judge what is there now).
     */
    protected Optional<Class<O>> reusableAs() {
        return Optional.empty();
    }

    private boolean reusable(Requests.StoredResult stored) {
        return stored.storedAt().isAfter(clock.instant().minus(REUSE_WINDOW));
    }

    /** Refuses an input the step cannot work on, before the request is touched; a message names the field. */
    protected void check(I input) {}

    /** The step this input is for. */
    protected abstract Step step(I input);

    /** The step's work, after the request records it. */
    protected abstract O run(I input);
}
