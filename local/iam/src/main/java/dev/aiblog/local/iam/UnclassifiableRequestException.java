package dev.aiblog.local.iam;

/** The gateway cannot tell which IAM action a request needs; it refuses it rather than guess. */
final class UnclassifiableRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    UnclassifiableRequestException(String message) {
        super(message, null, false, false);
    }
}
