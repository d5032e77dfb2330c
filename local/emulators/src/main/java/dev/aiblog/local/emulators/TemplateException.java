package dev.aiblog.local.emulators;

/**
 * The template cannot be read, or a resource in it cannot be created locally as written. The
 * message names the resource and property, e.g.
 * {@code Resources.BlogsTable.Properties.KeySchema[0].KeyType}.
 */
public class TemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
