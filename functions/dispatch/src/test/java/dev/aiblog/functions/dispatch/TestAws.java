package dev.aiblog.functions.dispatch;

import dev.aiblog.core.config.Settings;
import dev.aiblog.local.emulators.EmulatedAws;
import dev.aiblog.local.emulators.ProvisionedResources;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The shared emulators, and the settings the dispatch function gets locally, with Step Functions at {@code sfn}. */
final class TestAws {
    static final String STATE_MACHINE_ARN = "arn:aws:states:us-east-1:000000000000:stateMachine:BlogPipelineStateMachine";

    private TestAws() {}

    static EmulatedAws aws() {
        return EmulatedAws.shared();
    }

    static Settings settings(URI sfn) {
        EmulatedAws aws = aws();
        ProvisionedResources resources = aws.resources();
        Map<String, String> env = new HashMap<>();
        env.putAll(aws.emulators().awsEnvironment());
        env.put("AWS_ENDPOINT_URL_SFN", sfn.toString());
        env.put("REQUESTS_TABLE", resources.tableName("RequestsTable"));
        env.put("BLOGS_TABLE", resources.tableName("BlogsTable"));
        env.put("IDEMPOTENCY_TABLE", resources.tableName("IdempotencyTable"));
        env.put("CONTENT_BUCKET", resources.bucketName("ContentBucket"));
        env.put("STATE_MACHINE_ARN", STATE_MACHINE_ARN);
        return Settings.of(env);
    }

    static Path repository() {
        return EmulatedAws.findTemplate().getParent();
    }
}
