package dev.aiblog.asl;

import java.util.Objects;

/**
 * A {@link TaskTokens} call refused, with the error code Step Functions answers {@code SendTaskSuccess},
 * {@code SendTaskFailure} and {@code SendTaskHeartbeat} with (HTTP 400, {@code __type} = {@link #code()}).
 *
 * @see <a href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskSuccess.html">SendTaskSuccess
 *     errors</a>
 */
public final class TaskTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The error codes, spelled as the Step Functions API spells them. */
    public enum Code {
        /** The token is not one this runner could have issued (not base64, wrong header, wrong length). */
        InvalidToken,
        /** A well-formed token that no task of this registry was ever given. */
        TaskDoesNotExist,
        /**
         * The token's task has closed: it timed out, succeeded, failed, was retried (a new attempt has a new token) or
         * its execution ended. AWS: "The task token has either expired or the task associated with the token has
         * already been closed."
         */
        TaskTimedOut,
        /** The output given to SendTaskSuccess is not JSON. */
        InvalidOutput
    }

    private final Code code;

    TaskTokenException(Code code, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The error code, which is also the {@code __type} of the API's error answer. */
    public Code code() {
        return code;
    }
}
