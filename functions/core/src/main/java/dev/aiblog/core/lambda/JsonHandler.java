package dev.aiblog.core.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.aiblog.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

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
        I request = Json.read(input, inputType);
        O result = handle(request);
        Json.mapper().writeValue(output, result);
    }

    /** The typed work: what the state machine passes in, what it gets back. */
    public abstract O handle(I input);
}
