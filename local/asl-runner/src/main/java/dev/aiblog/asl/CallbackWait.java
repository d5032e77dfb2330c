package dev.aiblog.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One attempt of a callback Task waiting for its token. The execution's thread waits in {@link #await}, parked on a
 * condition (a virtual thread waiting here holds no platform thread); {@link TaskTokens} completes it or beats its heart
 * from any thread. The first outcome wins; once closed, every later send is refused.
 */
final class CallbackWait {

    /** How the wait ended. */
    sealed interface Outcome {
        static Outcome success(JsonNode output) {
            return new Success(output);
        }

        static Outcome failure(String error, String cause) {
            return new Failure(error, cause);
        }
    }

    record Success(JsonNode output) implements Outcome {}

    record Failure(String error, String cause) implements Outcome {}

    /** TimeoutSeconds or HeartbeatSeconds passed ({@code heartbeat} tells which). */
    record TimedOut(boolean heartbeat) implements Outcome {}

    /** The execution's own deadline came first. */
    record ExecutionDeadline() implements Outcome {}

    private final String token;
    private final String executionArn;
    private final String stateName;
    private final Consumer<CallbackWait> onClose;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private Outcome outcome;
    private boolean closed;
    private long lastBeatNanos = System.nanoTime();

    CallbackWait(String token, String executionArn, String stateName, Consumer<CallbackWait> onClose) {
        this.token = token;
        this.executionArn = executionArn;
        this.stateName = stateName;
        this.onClose = onClose;
    }

    String token() {
        return token;
    }

    String executionArn() {
        return executionArn;
    }

    String stateName() {
        return stateName;
    }

    /** Sets the outcome if the wait is still open; {@code false} when it has closed or already has one. */
    boolean complete(Outcome result) {
        lock.lock();
        try {
            if (closed || outcome != null) {
                return false;
            }
            outcome = result;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Restarts the heartbeat clock if the wait is still open. */
    boolean heartbeat() {
        lock.lock();
        try {
            if (closed || outcome != null) {
                return false;
            }
            lastBeatNanos = System.nanoTime();
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Restarts the heartbeat clock: the heartbeat is counted from when the invocation was submitted. */
    void startClocks() {
        lock.lock();
        try {
            lastBeatNanos = System.nanoTime();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for an outcome, then closes the token.
     *
     * @param taskDeadline {@link System#nanoTime()} by which the task times out, or {@code null}
     * @param executionDeadline {@link System#nanoTime()} by which the execution times out, or {@code null}
     * @param heartbeatNanos the heartbeat interval, or {@code null}
     */
    Outcome await(Long taskDeadline, Long executionDeadline, Long heartbeatNanos) throws InterruptedException {
        lock.lock();
        try {
            while (outcome == null) {
                long now = System.nanoTime();
                if (executionDeadline != null && now - executionDeadline >= 0) {
                    outcome = new ExecutionDeadline();
                    break;
                }
                if (taskDeadline != null && now - taskDeadline >= 0) {
                    outcome = new TimedOut(false);
                    break;
                }
                if (heartbeatNanos != null && now - (lastBeatNanos + heartbeatNanos) >= 0) {
                    outcome = new TimedOut(true);
                    break;
                }
                long wait = Long.MAX_VALUE;
                if (executionDeadline != null) {
                    wait = Math.min(wait, executionDeadline - now);
                }
                if (taskDeadline != null) {
                    wait = Math.min(wait, taskDeadline - now);
                }
                if (heartbeatNanos != null) {
                    wait = Math.min(wait, lastBeatNanos + heartbeatNanos - now);
                }
                if (wait == Long.MAX_VALUE) {
                    changed.await();
                } else {
                    changed.awaitNanos(Math.max(wait, TimeUnit.MILLISECONDS.toNanos(1)));
                }
            }
            return outcome;
        } finally {
            closeLocked();
            lock.unlock();
        }
    }

    /** Closes the token without waiting (the attempt ended before the wait: invocation failed, Parameters failed). */
    void close() {
        lock.lock();
        try {
            closeLocked();
        } finally {
            lock.unlock();
        }
    }

    private void closeLocked() {
        if (!closed) {
            closed = true;
            onClose.accept(this);
        }
    }
}
