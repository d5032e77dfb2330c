package dev.aiblog.functions.schedule;

import dev.aiblog.core.config.Settings;
import dev.aiblog.local.emulators.EmulatedAws;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The shared emulators, and the settings the schedule function gets locally, with two topics a tick. */
final class TestAws {
    private TestAws() {}

    static EmulatedAws aws() {
        return EmulatedAws.shared();
    }

    static Settings settings() {
        return settings(Map.of());
    }

    /** The schedule function's environment from template.yaml, with its own credentials, and {@code extra} on top. */
    static Settings settings(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(aws().lambdaEnvironment("ScheduleFunction"));
        env.put("SCHEDULE_THEMES", "serverless architecture, developer productivity, web performance");
        env.put("SCHEDULED_POSTS_PER_TICK", "2");
        env.putAll(extra);
        return Settings.of(env);
    }

    /** The repository root: where events/, openapi/ and template.yaml are. */
    static Path repository() {
        return EmulatedAws.findTemplate().getParent();
    }
}
