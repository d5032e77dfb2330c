package dev.aiblog.aws;

import dev.aiblog.core.ports.TaskTokens;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/** {@link TaskTokens} on Step Functions ({@code states:SendTaskSuccess}); needs the Step Functions SDK. */
public final class SfnTaskTokens implements TaskTokens {
    private final SfnClient sfn;

    public SfnTaskTokens(SfnClient sfn) {
        this.sfn = sfn;
    }

    @Override
    public void succeed(String taskToken, String output) {
        try {
            sfn.sendTaskSuccess(b -> b.taskToken(taskToken).output(output));
        } catch (TaskTimedOutException | TaskDoesNotExistException | InvalidTokenException e) {
            throw new Gone(e.getClass().getSimpleName() + ": nothing waits on this task token any more", e);
        }
    }
}
