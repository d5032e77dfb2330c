package dev.aiblog.local;

import dev.aiblog.core.Json;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.Status;
import dev.aiblog.core.steps.ExecutionInput;
import dev.aiblog.local.sfn.LocalStepFunctions;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * After a crash, nothing may stay QUEUED or RUNNING for ever. In AWS, Step Functions keeps executions through
 * anything; locally they lived in the killed process. On start the runtime therefore re-drives every unfinished
 * request: a RUNNING one is started again under its own execution name (every step is idempotent, and Publish
 * writes the post at most once), a QUEUED one is sent to the queue again (the dispatcher skips requests that have
 * already ended, and execution names de-duplicate the rest). A draft AWAITING_REVIEW is RUNNING for this purpose: its
 * task token died with the process, so its execution is started again and the draft waits anew, with a new token.
 */
public final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private Recovery() {}

    /** What recovery re-drove. */
    public record Report(List<String> restarted, List<String> requeued) {}

    static Report run(LocalCloud cloud) {
        SqsClient sqs = cloud.clients().sqs();
        String queueUrl = cloud.resources().queueUrl(cloud.queueLogicalId());
        List<String> restarted = new ArrayList<>();
        List<String> requeued = new ArrayList<>();
        for (BlogRequest request : cloud.requests().inStatus(Status.QUEUED, Status.RUNNING, Status.AWAITING_REVIEW)) {
            ExecutionInput input = ExecutionInput.of(request);
            if (request.status() != Status.QUEUED) {
                if (cloud.stepFunctions().find(request.requestId()).isEmpty()) {
                    try {
                        cloud.stepFunctions()
                                .start(request.requestId(), Json.mapper().valueToTree(input));
                        restarted.add(request.requestId());
                    } catch (LocalStepFunctions.ExecutionAlreadyExistsException e) {
                        LOG.warn("could not restart {}: {}", request.requestId(), e.getMessage());
                    }
                }
            } else {
                sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(input)));
                requeued.add(request.requestId());
            }
        }
        return new Report(restarted, requeued);
    }
}
