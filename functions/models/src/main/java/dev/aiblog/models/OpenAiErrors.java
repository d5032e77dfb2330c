package dev.aiblog.models;

import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import dev.aiblog.core.errors.BadModelOutputException;
import dev.aiblog.core.errors.PipelineException;
import dev.aiblog.core.errors.ProviderException;
import dev.aiblog.core.errors.ProviderTransientException;
import dev.aiblog.core.errors.RateLimitedException;
import java.util.function.Supplier;

/**
 * Turns the OpenAI SDK's exceptions into the named errors the state machine routes. The SDK's own retries
 * are off ({@code maxRetries(0)}): retry, backoff and jitter live in the ASL.
 */
final class OpenAiErrors {
    private OpenAiErrors() {}

    static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (PipelineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(what, e);
        }
    }

    static PipelineException translate(String what, RuntimeException e) {
        return switch (e) {
            case RateLimitException r ->
                new RateLimitedException(what + ": rate limited (429) by the model provider", r);
            case InternalServerException s ->
                new ProviderTransientException(what + ": the model provider failed (" + s.statusCode() + ")", s);
            case OpenAIServiceException s
            when s.statusCode() == 408 || s.statusCode() == 409 || s.statusCode() >= 500 ->
                new ProviderTransientException(what + ": the model provider failed (" + s.statusCode() + ")", s);
            case OpenAIServiceException s ->
                new ProviderException(
                        what + ": the model provider refused the request (" + s.statusCode()
                                + s.code().map(c -> " " + c).orElse("") + "): " + firstLine(s.getMessage()),
                        s);
            case OpenAIIoException io ->
                new ProviderTransientException(
                        what + ": no answer from the model provider (" + firstLine(io.getMessage()) + ")", io);
            case OpenAIInvalidDataException bad ->
                new BadModelOutputException(
                        what + ": the model provider's answer could not be read: " + firstLine(bad.getMessage()), bad);
            default ->
                new ProviderException(what + ": " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()), e);
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
