package dev.aiblog.asl;

/**
 * Receives every history event as it is recorded, on the thread that runs the execution. An exception thrown here is
 * logged and otherwise ignored: it does not change the execution.
 */
@FunctionalInterface
public interface HistoryListener {

    /** Called once per event, in event id order. */
    void onEvent(String executionName, HistoryEvent event);
}
