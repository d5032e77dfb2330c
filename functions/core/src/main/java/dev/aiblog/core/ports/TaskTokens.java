package dev.aiblog.core.ports;

/**
 * Hands a result to a state machine task that waits for a task token ({@code .waitForTaskToken}): in AWS, Step
 * Functions' {@code SendTaskSuccess}.
 *
 * @see <a href="https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token">Wait for a callback with the task token</a>
 */
public interface TaskTokens {
    /**
     * The task waiting on {@code taskToken} succeeds with {@code output} (a JSON value, as the state's result).
     *
     * @throws Gone when nothing waits on the token any more (it timed out, or its execution ended)
     */
    void succeed(String taskToken, String output);

    /** Nothing waits on the token: {@code TaskTimedOut}, {@code TaskDoesNotExist} or {@code InvalidToken}. */
    final class Gone extends RuntimeException {
        public Gone(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
