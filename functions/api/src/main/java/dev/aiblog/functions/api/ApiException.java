package dev.aiblog.functions.api;

import java.util.Map;

/**
 * A request the API refuses, with the code and a message a person can act on (naming the field at fault).
 * Thrown anywhere below the router and turned into {@code {"error":{"code","message"}}} there.
 */
public final class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, String> headers;

    public ApiException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public ApiException(ErrorCode code, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public ErrorCode code() {
        return code;
    }

    /** Extra response headers, e.g. {@code allow} on a 405. */
    public Map<String, String> headers() {
        return headers;
    }

    public static ApiException invalid(String message) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(ErrorCode.NOT_FOUND, message);
    }
}
