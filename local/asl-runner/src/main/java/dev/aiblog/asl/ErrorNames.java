package dev.aiblog.asl;

/** The predefined error names this runner raises or matches. */
final class ErrorNames {

    static final String ALL = "States.ALL";
    static final String TASK_FAILED = "States.TaskFailed";
    static final String TIMEOUT = "States.Timeout";
    static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
    static final String RUNTIME = "States.Runtime";
    static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";
    static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";

    private ErrorNames() {}

    /**
     * Whether {@code pattern} from an {@code ErrorEquals} list matches {@code error}. States.ALL matches everything but
     * States.Runtime and States.DataLimitExceeded; States.TaskFailed matches the same except the timeouts; States.Timeout
     * also matches States.HeartbeatTimeout, which the spec defines as a kind of it ("a Task State either ran longer than
     * the TimeoutSeconds value, or failed to heartbeat for a time longer than the HeartbeatSeconds value"). See
     * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html and
     * https://states-language.net/spec.html#appendix-a.
     */
    static boolean matches(String pattern, String error) {
        boolean terminal = RUNTIME.equals(error) || DATA_LIMIT_EXCEEDED.equals(error);
        boolean timeout = TIMEOUT.equals(error) || HEARTBEAT_TIMEOUT.equals(error);
        return switch (pattern) {
            case ALL -> !terminal;
            case TASK_FAILED -> !terminal && !timeout;
            case TIMEOUT -> timeout;
            default -> pattern.equals(error);
        };
    }
}
