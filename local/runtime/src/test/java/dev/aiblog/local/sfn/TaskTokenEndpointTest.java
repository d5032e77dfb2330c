package dev.aiblog.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.asl.ExecutionResult;
import dev.aiblog.asl.ExecutionStatus;
import dev.aiblog.asl.HistoryEventType;
import dev.aiblog.asl.LambdaInvokeIntegration;
import dev.aiblog.asl.StateMachineDefinition;
import dev.aiblog.asl.StateMachineRunner;
import dev.aiblog.core.Json;
import dev.aiblog.local.iam.AwsService;
import dev.aiblog.local.iam.IamGateway;
import dev.aiblog.local.iam.LambdaCredentials;
import dev.aiblog.local.iam.Policy;
import dev.aiblog.local.iam.Principal;
import dev.aiblog.local.iam.SamPolicyTemplates;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidOutputException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat and StopExecution from the real {@code SfnClient}, through the IAM
 * gateway, to the local Step Functions endpoint, for an execution waiting on a callback Task.
 */
class TaskTokenEndpointTest {

    private static final String STATE_MACHINE = "arn:aws:states:us-east-1:000000000000:stateMachine:aiblog-pipeline";

    private static final String DEFINITION = """
        {"StartAt": "Review", "States": {
          "Review": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
            "Parameters": {"FunctionName": "ReviewFunction",
                           "Payload": {"requestId.$": "$.requestId", "taskToken.$": "$$.Task.Token"}},
            "ResultPath": "$.review", "TimeoutSeconds": 60, "HeartbeatSeconds": 30,
            "Catch": [{"ErrorEquals": ["Review.Rejected"], "ResultPath": "$.error", "Next": "Rejected"}],
            "Next": "Publish"},
          "Publish": {"Type": "Pass", "End": true},
          "Rejected": {"Type": "Pass", "End": true}}}
        """;

    private static final BlockingQueue<JsonNode> invocations = new LinkedBlockingQueue<>();
    private static LocalStepFunctions stepFunctions;
    private static StepFunctionsEndpoint endpoint;
    private static IamGateway gateway;
    private static SdkHttpClient http;
    private static SfnClient reviewer;
    private static SfnClient withoutPermission;

    @BeforeAll
    static void start() {
        StateMachineDefinition definition = StateMachineDefinition.parse(DEFINITION);
        stepFunctions = new LocalStepFunctions(
                STATE_MACHINE,
                listener -> StateMachineRunner.builder()
                        .definition(definition)
                        .stateMachineArn(STATE_MACHINE)
                        .listener(listener)
                        .taskHandler(new LambdaInvokeIntegration(
                                (functionArn, payload) -> {
                                    invocations.add(payload);
                                    return Json.mapper().createObjectNode();
                                },
                                "us-east-1",
                                "000000000000"))
                        .build(),
                (name, event) -> {});
        endpoint = new StepFunctionsEndpoint(stepFunctions, 0);
        gateway = IamGateway.builder()
                .backend(AwsService.STEP_FUNCTIONS, endpoint.endpoint())
                .start();
        gateway.taskTokenResolver(LocalStepFunctions::stateMachineArnOfToken);
        http = UrlConnectionHttpClient.create();
        reviewer = client(gateway.issue(
                Principal.of("ReviewFunction"),
                SamPolicyTemplates.expand("StepFunctionsCallbackPolicy", Map.of("StateMachineName", "aiblog-pipeline"))
                        .and(Policy.of(dev.aiblog.local.iam.Statement.allow(
                                "inline", java.util.List.of("states:GetExecutionHistory"), java.util.List.of("*"))))));
        withoutPermission = client(gateway.issue(
                Principal.of("DispatchFunction"),
                SamPolicyTemplates.expand(
                        "StepFunctionsExecutionPolicy", Map.of("StateMachineName", "aiblog-pipeline"))));
    }

    @AfterAll
    static void stop() {
        reviewer.close();
        withoutPermission.close();
        http.close();
        gateway.close();
        endpoint.close();
        stepFunctions.close();
    }

    private static SfnClient client(LambdaCredentials credentials) {
        return SfnClient.builder()
                .endpointOverride(gateway.endpoint())
                .region(Region.US_EAST_1)
                .httpClient(http)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken())))
                .build();
    }

    /** Starts an execution and returns the token its review Lambda received. */
    private static String startAndTakeToken(String requestId) throws InterruptedException {
        stepFunctions.start(requestId, Json.mapper().createObjectNode().put("requestId", requestId));
        while (true) {
            JsonNode payload = invocations.poll(10, TimeUnit.SECONDS);
            assertThat(payload).as("the review Lambda was invoked").isNotNull();
            if (payload.path("requestId").asText().equals(requestId)) {
                return payload.path("taskToken").asText();
            }
            invocations.add(payload);
        }
    }

    private static ExecutionResult result(String name) throws Exception {
        return stepFunctions.find(name).orElseThrow().result().get(10, TimeUnit.SECONDS);
    }

    @Test
    void sendTaskSuccess_withThePermission_resumesTheExecutionWithTheOutput() throws Exception {
        String token = startAndTakeToken("r-success");

        reviewer.sendTaskHeartbeat(b -> b.taskToken(token));
        reviewer.sendTaskSuccess(b -> b.taskToken(token).output("{\"decision\":\"APPROVE\",\"editor\":\"ed\"}"));
        ExecutionResult result = result("r-success");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output().path("review").path("decision").asText()).isEqualTo("APPROVE");
        assertThat(gateway.accessLog().getLast().action()).isEqualTo("states:SendTaskSuccess");
        assertThat(gateway.accessLog().getLast().resource()).isEqualTo(STATE_MACHINE);
        // the history the SDK reads has the callback's events, under AWS's field names
        var history = reviewer.getExecutionHistory(b -> b.executionArn(stepFunctions.executionArn("r-success")));
        assertThat(history.events())
                .anySatisfy(e -> assertThat(e.taskSubmittedEventDetails()).isNotNull());
        assertThat(history.events().stream()
                        .filter(e -> e.taskScheduledEventDetails() != null)
                        .map(e -> e.taskScheduledEventDetails().heartbeatInSeconds()))
                .containsExactly(30L);
        assertThat(result.history().stream().map(e -> e.type()))
                .contains(HistoryEventType.TaskSubmitted, HistoryEventType.TaskSucceeded);
    }

    @Test
    void sendTaskFailure_withThePermission_isCaughtWithItsErrorAndCause() throws Exception {
        String token = startAndTakeToken("r-failure");

        reviewer.sendTaskFailure(
                b -> b.taskToken(token).error("Review.Rejected").cause("off topic"));
        ExecutionResult result = result("r-failure");

        assertThat(result.output().path("error").path("Error").asText()).isEqualTo("Review.Rejected");
        assertThat(result.output().path("error").path("Cause").asText()).isEqualTo("off topic");
    }

    @Test
    void withoutThePermission_sendTaskSuccessAndFailureAreRefused_andTheTaskKeepsWaiting() throws Exception {
        String token = startAndTakeToken("r-refused");

        SfnException success = catchThrowableOfType(
                SfnException.class,
                () -> withoutPermission.sendTaskSuccess(b -> b.taskToken(token).output("{}")));
        SfnException failure = catchThrowableOfType(
                SfnException.class,
                () -> withoutPermission.sendTaskFailure(b -> b.taskToken(token).error("E")));

        for (SfnException denied : new SfnException[] {success, failure}) {
            assertThat(denied.getClass()).isEqualTo(SfnException.class);
            assertThat(denied.statusCode()).isEqualTo(400);
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        }
        assertThat(success.awsErrorDetails().errorMessage())
                .contains("states:SendTaskSuccess on resource: " + STATE_MACHINE);
        assertThat(stepFunctions.find("r-refused").orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNING);
        reviewer.sendTaskSuccess(b -> b.taskToken(token).output("{}"));
        assertThat(result("r-refused").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void tokenErrors_reachTheSdkAsTheirOwnExceptions() throws Exception {
        String token = startAndTakeToken("r-errors");
        String unknown = LocalStepFunctionsTokens.foreignToken(STATE_MACHINE);

        InvalidOutputException invalidOutput = catchThrowableOfType(
                InvalidOutputException.class,
                () -> reviewer.sendTaskSuccess(b -> b.taskToken(token).output("{no")));
        TaskDoesNotExistException doesNotExist = catchThrowableOfType(
                TaskDoesNotExistException.class, () -> reviewer.sendTaskHeartbeat(b -> b.taskToken(unknown)));
        reviewer.sendTaskSuccess(b -> b.taskToken(token).output("{}"));
        TaskTimedOutException closed = catchThrowableOfType(
                TaskTimedOutException.class,
                () -> reviewer.sendTaskSuccess(b -> b.taskToken(token).output("{}")));

        assertThat(invalidOutput.awsErrorDetails().errorCode()).isEqualTo("InvalidOutput");
        assertThat(doesNotExist.awsErrorDetails().errorCode()).isEqualTo("TaskDoesNotExist");
        assertThat(closed.awsErrorDetails().errorCode()).isEqualTo("TaskTimedOut");
        assertThat(closed.statusCode()).isEqualTo(400);
    }

    @Test
    void anInvalidToken_isInvalidTokenForARoleAllowedOnResourceStar() {
        SfnClient anyMachine = client(gateway.issue(
                Principal.of("AnyMachineFunction"),
                Policy.of(dev.aiblog.local.iam.Statement.allow(
                        "inline", java.util.List.of("states:SendTaskSuccess"), java.util.List.of("*")))));
        try (anyMachine) {
            InvalidTokenException invalid = catchThrowableOfType(
                    InvalidTokenException.class,
                    () -> anyMachine.sendTaskSuccess(
                            b -> b.taskToken("not-a-token").output("{}")));

            assertThat(invalid.awsErrorDetails().errorCode()).isEqualTo("InvalidToken");
        }
    }

    @Test
    void stopExecution_abortsIt_andClosesItsToken() throws Exception {
        String token = startAndTakeToken("r-stopped");
        String executionArn = stepFunctions.executionArn("r-stopped");
        SfnClient stopper = client(gateway.issue(
                Principal.of("Operator"),
                Policy.of(dev.aiblog.local.iam.Statement.allow(
                        "inline", java.util.List.of("states:StopExecution"), java.util.List.of(executionArn)))));

        try (stopper) {
            stopper.stopExecution(b -> b.executionArn(executionArn));
        }

        assertThat(result("r-stopped").status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(catchThrowableOfType(
                        TaskTimedOutException.class,
                        () -> reviewer.sendTaskSuccess(b -> b.taskToken(token).output("{}"))))
                .isNotNull();
    }
}
