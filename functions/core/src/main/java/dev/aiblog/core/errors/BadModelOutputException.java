package dev.aiblog.core.errors;

/** The model answered, but not with what the schema asks for: unparseable JSON, or a missing or empty field. */
public class BadModelOutputException extends PipelineException {
    public BadModelOutputException(String message) {
        super(message, null);
    }

    public BadModelOutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
