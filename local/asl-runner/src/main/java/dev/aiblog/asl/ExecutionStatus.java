package dev.aiblog.asl;

/**
 * The status of an execution, named as in the Step Functions {@code DescribeExecution} API. {@link #RUNNING} is only
 * seen by a {@link HistoryListener}; {@link StateMachineRunner#run} returns one of the terminal statuses.
 */
public enum ExecutionStatus {
    RUNNING,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    /** The thread running the execution was interrupted. */
    ABORTED
}
