package dev.aiblog.functions.api;

import dev.aiblog.core.config.Settings;
import dev.aiblog.local.emulators.EmulatedAws;
import dev.aiblog.local.emulators.ProvisionedResources;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The shared emulators, and the settings a function gets locally: table, queue and bucket names and endpoints. */
final class TestAws {
    static final String CURSOR_KEY = "test-cursor-signing-key-0123456789abcdef";

    private TestAws() {}

    static EmulatedAws aws() {
        return EmulatedAws.shared();
    }

    static Settings settings() {
        EmulatedAws aws = aws();
        ProvisionedResources resources = aws.resources();
        Map<String, String> env = new HashMap<>();
        env.putAll(aws.emulators().awsEnvironment());
        env.put("REQUESTS_TABLE", resources.tableName("RequestsTable"));
        env.put("BLOGS_TABLE", resources.tableName("BlogsTable"));
        env.put("IDEMPOTENCY_TABLE", resources.tableName("IdempotencyTable"));
        env.put("CONTENT_BUCKET", resources.bucketName("ContentBucket"));
        env.put("REQUESTS_QUEUE_URL", resources.queueUrl("RequestsQueue"));
        env.put("CURSOR_SIGNING_KEY", CURSOR_KEY);
        return Settings.of(env);
    }

    /** The repository root: where events/, openapi/ and template.yaml are. */
    static Path repository() {
        return EmulatedAws.findTemplate().getParent();
    }
}
