package dev.aiblog.core.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.aiblog.core.Json;
import dev.aiblog.core.steps.StepContracts.StepInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A state machine task: JSON in, JSON out, through the project's one mapper and typed records, so the step
 * contracts are records rather than maps. An exception propagates, and Lambda reports its class name as the
 * error the ASL's Retry and Catch match.
 */
public abstract class JsonHandler<I, O> implements RequestStreamHandler {
    private final Class<I> inputType;

    protected JsonHandler(Class<I> inputType) {
        this.inputType = inputType;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try {
            LambdaLogs.around(context, () -> {
                try {
                    I request = Json.read(input, inputType);
                    if (request instanceof StepInput step) {
                        LambdaLogs.correlate(step.requestId());
                    }
                    O result = handle(request);
                    Json.mapper().writeValue(output, result);
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The typed work: what the state machine passes in, what it gets back. */
    public abstract O handle(I input);
}
