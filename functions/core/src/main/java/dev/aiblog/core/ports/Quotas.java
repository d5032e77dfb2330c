package dev.aiblog.core.ports;

import java.time.LocalDate;

/** Per-owner daily counters of accepted requests (UTC days). */
public interface Quotas {
    /**
     * Counts one more request for {@code owner} on {@code day}, unless {@code limit} are already counted.
     *
     * @return true when counted, false when the owner is at the limit (nothing counted)
     */
    boolean take(String owner, LocalDate day, int limit);
}
