package dev.aiblog.functions.schedule;

import dev.aiblog.core.config.Settings;
import dev.aiblog.local.emulators.EmulatedAws;
import dev.aiblog.local.emulators.ProvisionedResources;
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

    static Settings settings(Map<String, String> extra) {
        EmulatedAws aws = aws();
        ProvisionedResources resources = aws.resources();
        Map<String, String> env = new HashMap<>();
        env.putAll(aws.emulators().awsEnvironment());
        env.put("REQUESTS_TABLE", resources.tableName("RequestsTable"));
        env.put("BLOGS_TABLE", resources.tableName("BlogsTable"));
        env.put("IDEMPOTENCY_TABLE", resources.tableName("IdempotencyTable"));
        env.put("CONTENT_BUCKET", resources.bucketName("ContentBucket"));
        env.put("REQUESTS_QUEUE_URL", resources.queueUrl("RequestsQueue"));
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
