package dev.aiblog.functions.dispatch;

import dev.aiblog.core.config.Settings;
import dev.aiblog.local.emulators.EmulatedAws;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The shared emulators, and the settings the dispatch function gets locally, with Step Functions at {@code sfn}. */
final class TestAws {
    static final String STATE_MACHINE_ARN =
            "arn:aws:states:us-east-1:000000000000:stateMachine:BlogPipelineStateMachine";

    private TestAws() {}

    static EmulatedAws aws() {
        return EmulatedAws.shared();
    }

    /**
     * The dispatch function's environment from template.yaml, with its own credentials; its Step Functions calls
     * reach {@code sfn} through the IAM gateway, so the role's {@code states:StartExecution} is checked too.
     */
    static Settings settings(URI sfn) {
        EmulatedAws aws = aws();
        aws.gateway().backend(dev.aiblog.local.iam.AwsService.STEP_FUNCTIONS, sfn);
        Map<String, String> env = new HashMap<>(aws.lambdaEnvironment("DispatchFunction"));
        env.put("STATE_MACHINE_ARN", STATE_MACHINE_ARN);
        return Settings.of(env);
    }

    static Path repository() {
        return EmulatedAws.findTemplate().getParent();
    }
}
