package dev.aiblog.core.errors;

/** A provider failure that retrying cannot fix (bad credentials, a model that does not exist, a refused request). */
public class ProviderException extends PipelineException {
    public ProviderException(String message) {
        super(message, null);
    }

    public ProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
