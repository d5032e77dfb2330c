package dev.aiblog.local.sfn;

import dev.aiblog.asl.StateMachineDefinition;
import dev.aiblog.asl.StateMachineRunner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Test helper: a well-formed token of the same state machine that the runner under test never issued. */
final class LocalStepFunctionsTokens {

    private LocalStepFunctionsTokens() {}

    /** Issues a token from another runner (its own registry) and closes it there. */
    static String foreignToken(String stateMachineArn) throws Exception {
        CompletableFuture<String> token = new CompletableFuture<>();
        StateMachineRunner other = StateMachineRunner.builder()
                .definition(StateMachineDefinition.parse("""
                    {"StartAt": "W", "States": {"W": {"Type": "Task",
                      "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                      "Parameters": {"t.$": "$$.Task.Token"}, "TimeoutSeconds": 1, "End": true}}}
                    """))
                .stateMachineArn(stateMachineArn)
                .taskHandler((resource, input) -> {
                    token.complete(input.path("t").asText());
                    return null;
                })
                .build();
        Thread.ofVirtual().start(() -> other.run("foreign", null));
        return token.get(10, TimeUnit.SECONDS);
    }
}
