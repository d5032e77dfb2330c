package dev.aiblog.core.errors;

/** A step was handed a request, draft or post that does not exist. Not retried. */
public class NotFoundException extends PipelineException {
    public NotFoundException(String message) {
        super(message, null);
    }
}
