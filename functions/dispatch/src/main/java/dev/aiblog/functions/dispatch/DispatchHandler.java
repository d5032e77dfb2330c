package dev.aiblog.functions.dispatch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.aiblog.aws.AwsClients;
import dev.aiblog.aws.AwsWiring;
import dev.aiblog.core.config.Settings;
import dev.aiblog.core.lambda.LambdaLogs;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The requests queue's consumer (SQS event source mapping with {@code ReportBatchItemFailures}): starts a pipeline
 * execution per message through the {@link Dispatcher}, and reports the messages that failed.
 */
public final class DispatchHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final Dispatcher dispatcher;

    /** For Lambda: configuration from the environment template.yaml sets. */
    public DispatchHandler() {
        this(Settings.fromEnvironment());
    }

    public DispatchHandler(Settings settings) {
        this(AwsWiring.of(settings));
    }

    private DispatchHandler(AwsWiring aws) {
        this(new Dispatcher(
                AwsClients.configure(SfnClient.builder(), aws.settings(), "SFN").build(),
                aws.settings().stateMachineArn(),
                aws.requests(),
                aws.budget()));
    }

    public DispatchHandler(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return LambdaLogs.around(context, () -> dispatcher.dispatch(event));
    }
}
