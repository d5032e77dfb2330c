package dev.aiblog.core.memory;

import dev.aiblog.core.ports.TaskTokens;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link TaskTokens} that records what each token was sent; a token marked {@link #expire expired} is gone. */
public final class InMemoryTaskTokens implements TaskTokens {
    private final Map<String, String> sent = new ConcurrentHashMap<>();
    private final Set<String> expired = ConcurrentHashMap.newKeySet();

    @Override
    public void succeed(String taskToken, String output) {
        if (expired.contains(taskToken) || sent.containsKey(taskToken)) {
            throw new Gone("Task Timed Out: '" + taskToken + "'", null);
        }
        sent.put(taskToken, output);
    }

    public void expire(String taskToken) {
        expired.add(taskToken);
    }

    /** The output sent for each token. */
    public Map<String, String> sent() {
        return Map.copyOf(sent);
    }
}
