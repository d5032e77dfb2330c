package dev.aiblog.core.ports;

import dev.aiblog.core.steps.ExecutionInput;

/** Where accepted requests wait for the dispatcher: the SQS requests queue in AWS and locally. */
public interface RequestQueue {
    void send(ExecutionInput input);
}
