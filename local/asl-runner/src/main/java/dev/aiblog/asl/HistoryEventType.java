package dev.aiblog.asl;

/**
 * History event types. The constants are spelled exactly as the Step Functions {@code HistoryEventType} values, so
 * {@code type.name()} is the AWS name, except {@link #TaskRetryScheduled}, which AWS does not record (there, a retry
 * shows only as a new {@code TaskScheduled}); see {@link #isAwsType()}.
 */
public enum HistoryEventType {
    ExecutionStarted,
    ExecutionSucceeded,
    ExecutionFailed,
    ExecutionTimedOut,
    ExecutionAborted,
    TaskStateEntered,
    TaskStateExited,
    PassStateEntered,
    PassStateExited,
    ChoiceStateEntered,
    ChoiceStateExited,
    WaitStateEntered,
    WaitStateExited,
    SucceedStateEntered,
    SucceedStateExited,
    FailStateEntered,
    TaskScheduled,
    TaskStarted,
    /** A callback Task's invocation returned: details {@code output} (what it returned, ignored otherwise). */
    TaskSubmitted,
    TaskSucceeded,
    TaskFailed,
    TaskTimedOut,
    /**
     * Not an AWS type. Recorded after a {@code TaskFailed} or {@code TaskTimedOut} that a Retrier will retry, before the
     * delay. Details: {@code resource}, {@code error}, {@code cause}, {@code retrierIndex} (0-based position in
     * {@code Retry}), {@code errorEquals} and {@code maxAttempts} (of that Retrier), {@code attempt} (1-based count of
     * retries made by that Retrier), {@code retryCount} (retries of the state so far, the next attempt's
     * {@code $$.State.RetryCount}), {@code delaySeconds} (the delay chosen, jitter included, before {@code timeScale})
     * and {@code scaledDelayMillis} (the delay after {@code timeScale}).
     */
    TaskRetryScheduled;

    /** {@code false} only for types that AWS does not have and a history mapper must drop or translate. */
    public boolean isAwsType() {
        return this != TaskRetryScheduled;
    }
}
