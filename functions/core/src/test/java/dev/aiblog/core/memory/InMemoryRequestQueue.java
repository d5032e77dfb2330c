package dev.aiblog.core.memory;

import dev.aiblog.core.ports.RequestQueue;
import dev.aiblog.core.steps.ExecutionInput;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@link RequestQueue} in memory: keeps what was sent, in order. */
public final class InMemoryRequestQueue implements RequestQueue {
    private final List<ExecutionInput> sent = new CopyOnWriteArrayList<>();

    @Override
    public void send(ExecutionInput input) {
        sent.add(input);
    }

    public List<ExecutionInput> sent() {
        return List.copyOf(sent);
    }
}
