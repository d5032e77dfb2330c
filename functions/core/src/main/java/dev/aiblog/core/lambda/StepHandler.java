package dev.aiblog.core.lambda;

import dev.aiblog.core.errors.TransientAwsException;
import dev.aiblog.core.model.Step;
import dev.aiblog.core.ports.Requests;
import dev.aiblog.core.steps.StepContracts.StepInput;

/**
 * A pipeline step: records on the request which step it is in, then does the step's work. Every step of the state
 * machine that works on a request extends it, so a request's current step is always the one running.
 *
 * @param <I> the step's input, which names its request
 * @param <O> the step's output
 */
public abstract class StepHandler<I extends StepInput, O> extends JsonHandler<I, O> {
    private final Requests requests;
    private dev.aiblog.core.metrics.Metrics metrics = dev.aiblog.core.metrics.Metrics.none();

    protected StepHandler(Class<I> inputType, Requests requests) {
        super(inputType);
        this.requests = requests;
    }

    @Override
    public final O handle(I input) {
        check(input);
        long started = System.nanoTime();
        try {
            requests.enterStep(input.requestId(), step(input));
            return run(input);
        } catch (RuntimeException e) {
            // throttling, 5xx and client errors of DynamoDB and S3 get one name the state machine retries
            throw TransientAwsException.classify(e);
        } finally {
            metrics.record(input.requestId())
                    .dimension("Step", step(input).name())
                    .millis("StepLatencyMs", (System.nanoTime() - started) / 1_000_000)
                    .emit();
        }
    }

    /** Where the step's latency goes ({@code StepLatencyMs} by {@code Step}); none unless set (Lambda: standard output). */
    protected final void useMetrics(dev.aiblog.core.metrics.Metrics metrics) {
        this.metrics = metrics;
    }

    /** Refuses an input the step cannot work on, before the request is touched; a message names the field. */
    protected void check(I input) {}

    /** The step this input is for. */
    protected abstract Step step(I input);

    /** The step's work, after the request records it. */
    protected abstract O run(I input);
}
