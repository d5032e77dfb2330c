package dev.aiblog.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The task tokens of callback Tasks ({@code Resource} ending in {@code .waitForTaskToken}) and what Step Functions'
 * {@code SendTaskSuccess}, {@code SendTaskFailure} and {@code SendTaskHeartbeat} do with them. Thread-safe; one registry
 * may serve several runners ({@link StateMachineRunner.Builder#taskTokens}).
 *
 * <p>A token is issued for each attempt of a callback Task (a retry gets a new one) and is {@code $$.Task.Token} while
 * that attempt runs. It closes when the attempt ends in any way: a send, a timeout, a failure of the invocation, the
 * execution's end or its interruption. A call with a closed token fails with {@link TaskTokenException.Code#TaskTimedOut},
 * as AWS answers ("the task token has either expired or the task associated with the token has already been closed");
 * a well-formed token never issued here with {@link TaskTokenException.Code#TaskDoesNotExist}; anything else with
 * {@link TaskTokenException.Code#InvalidToken}.
 *
 * <p>Tokens are opaque base64 text of 150 to 450 characters, like AWS's (which are longer). Each carries the execution ARN it belongs to,
 * readable with {@link #executionArnOf}, so a caller can route or authorise a token (IAM checks {@code states:SendTask*}
 * against the state machine) without asking the registry, even after the task closed.
 *
 * @see <a href="https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token">Wait
 *     for a Callback with Task Token</a>
 */
public final class TaskTokens {

    /** The API's length limits: taskToken 1..2048, output 262,144 bytes, error 256 and cause 32,768 characters. */
    public static final int MAX_TOKEN_LENGTH = 2048;

    private static final byte VERSION = 1;
    private static final byte[] MAGIC = "aslT".getBytes(StandardCharsets.US_ASCII);
    private static final int RANDOM_BYTES = 32;
    private static final int MAX_CLOSED_REMEMBERED = 100_000;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, CallbackWait> open = new ConcurrentHashMap<>();
    private final Map<String, Boolean> closed = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_CLOSED_REMEMBERED;
        }
    };

    /** Reports that the task identified by {@code taskToken} succeeded; {@code output} (JSON text) is its result. */
    public void sendTaskSuccess(String taskToken, String output) throws TaskTokenException {
        CallbackWait wait = find(taskToken);
        JsonNode parsed;
        try {
            parsed = output == null ? null : Json.MAPPER.readTree(output);
        } catch (JsonProcessingException e) {
            parsed = null;
        }
        if (parsed == null || parsed.isMissingNode()) {
            throw new TaskTokenException(
                    TaskTokenException.Code.InvalidOutput, "Invalid Output: the output is not valid JSON");
        }
        if (!wait.complete(CallbackWait.Outcome.success(parsed))) {
            throw closedError();
        }
    }

    /** Reports that the task identified by {@code taskToken} failed with {@code error} and {@code cause} (both optional). */
    public void sendTaskFailure(String taskToken, String error, String cause) throws TaskTokenException {
        CallbackWait wait = find(taskToken);
        if (!wait.complete(CallbackWait.Outcome.failure(error, cause))) {
            throw closedError();
        }
    }

    /** Resets the heartbeat clock of the task identified by {@code taskToken}; its TimeoutSeconds still applies. */
    public void sendTaskHeartbeat(String taskToken) throws TaskTokenException {
        if (!find(taskToken).heartbeat()) {
            throw closedError();
        }
    }

    /**
     * The execution ARN a token was issued for, read from the token itself; empty when it is not a token of this format.
     * The state machine ARN follows from it ({@code :execution:} becomes {@code :stateMachine:}, the last segment goes).
     */
    public static Optional<String> executionArnOf(String taskToken) {
        byte[] bytes = decode(taskToken);
        if (bytes == null) {
            return Optional.empty();
        }
        return Optional.of(new String(
                bytes,
                MAGIC.length + 1 + RANDOM_BYTES,
                bytes.length - MAGIC.length - 1 - RANDOM_BYTES,
                StandardCharsets.UTF_8));
    }

    /** The number of tasks waiting for a callback now. */
    public int openCount() {
        return open.size();
    }

    /** Opens a token for one attempt of a callback Task of {@code executionArn}. */
    CallbackWait open(String executionArn, String stateName) {
        byte[] arn = executionArn.getBytes(StandardCharsets.UTF_8);
        byte[] nonce = new byte[RANDOM_BYTES];
        random.nextBytes(nonce);
        ByteBuffer buffer = ByteBuffer.allocate(MAGIC.length + 1 + RANDOM_BYTES + arn.length);
        buffer.put(MAGIC).put(VERSION).put(nonce).put(arn);
        String token = Base64.getEncoder().encodeToString(buffer.array());
        CallbackWait wait = new CallbackWait(token, executionArn, stateName, this::closed);
        open.put(token, wait);
        return wait;
    }

    private void closed(CallbackWait wait) {
        synchronized (closed) {
            closed.put(wait.token(), Boolean.TRUE);
        }
        open.remove(wait.token());
    }

    private CallbackWait find(String taskToken) throws TaskTokenException {
        if (decode(taskToken) == null) {
            throw new TaskTokenException(TaskTokenException.Code.InvalidToken, "Invalid Token: 'Invalid token'");
        }
        CallbackWait wait = open.get(taskToken);
        if (wait != null) {
            return wait;
        }
        boolean wasClosed;
        synchronized (closed) {
            wasClosed = closed.containsKey(taskToken);
        }
        if (wasClosed) {
            throw closedError();
        }
        throw new TaskTokenException(
                TaskTokenException.Code.TaskDoesNotExist, "Task Does Not Exist: 'Provided task does not exist'");
    }

    private static TaskTokenException closedError() {
        return new TaskTokenException(
                TaskTokenException.Code.TaskTimedOut, "Task Timed Out: 'Provided task does not exist anymore'");
    }

    /** The token's bytes when it is well-formed, else {@code null}. */
    private static byte[] decode(String taskToken) {
        if (taskToken == null || taskToken.isEmpty() || taskToken.length() > MAX_TOKEN_LENGTH) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(taskToken);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (bytes.length <= MAGIC.length + 1 + RANDOM_BYTES) {
            return null;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return null;
            }
        }
        if (bytes[MAGIC.length] != VERSION) {
            return null;
        }
        String arn = new String(
                bytes,
                MAGIC.length + 1 + RANDOM_BYTES,
                bytes.length - MAGIC.length - 1 - RANDOM_BYTES,
                StandardCharsets.UTF_8);
        return arn.startsWith("arn:") && arn.contains(":execution:") ? bytes : null;
    }
}
