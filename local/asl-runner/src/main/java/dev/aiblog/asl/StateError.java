package dev.aiblog.asl;

/** A state reported an error: the name that Retry and Catch match on, and its cause. */
final class StateError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String error;
    private final String cause;

    StateError(String error, String cause) {
        super(error + (cause == null ? "" : ": " + cause), null, false, false);
        this.error = error;
        this.cause = cause;
    }

    /** A failure to evaluate a path, an intrinsic function or a Choice rule: fatal, as in AWS. */
    static StateError runtime(String cause) {
        return new StateError(ErrorNames.RUNTIME, cause);
    }

    String error() {
        return error;
    }

    String cause() {
        return cause;
    }
}
