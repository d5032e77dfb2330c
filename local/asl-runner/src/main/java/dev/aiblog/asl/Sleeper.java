package dev.aiblog.asl;

import java.time.Duration;

/**
 * Waits for Wait states and retry delays, after {@code timeScale} has been applied. The default calls
 * {@link Thread#sleep(Duration)}; tests pass one that records the durations instead.
 */
@FunctionalInterface
public interface Sleeper {

    /** Blocks for {@code d}, or returns at once in a test double. */
    void sleep(Duration d) throws InterruptedException;
}
