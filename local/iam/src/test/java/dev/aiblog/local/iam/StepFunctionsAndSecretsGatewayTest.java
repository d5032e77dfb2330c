package dev.aiblog.local.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;

class StepFunctionsAndSecretsGatewayTest {

    private static final String STATE_MACHINE = "arn:aws:states:us-east-1:000000000000:stateMachine:aiblog-pipeline";

    private static RecordingBackend sfn;
    private static LocalSecretsManager secrets;
    private static String openAiKeyArn;
    private static IamGateway gateway;
    private static Clients clients;
    private static LambdaCredentials dispatch;
    private static LambdaCredentials text;
    private static LambdaCredentials review;
    private static LambdaCredentials anyStateMachine;
    private static LambdaCredentials otherStateMachine;

    @BeforeAll
    static void start() throws Exception {
        sfn = new RecordingBackend(
                request -> ServiceResponse.json(
                        200,
                        "application/x-amz-json-1.0",
                        "{\"executionArn\":\"arn:aws:states:us-east-1:000000000000:execution:aiblog-pipeline:r-1\",\"startDate\":1767225600.123}"));
        secrets = new LocalSecretsManager();
        openAiKeyArn = secrets.create("aiblog/openai-api-key", "sk-local-test");
        secrets.create("aiblog/other", "not for the text function");
        gateway = IamGateway.builder()
                .backend(AwsService.STEP_FUNCTIONS, sfn.endpoint())
                .inProcess(AwsService.SECRETS_MANAGER, secrets)
                .start();
        clients = new Clients(gateway.endpoint());
        dispatch = gateway.issue(
                Principal.of("DispatchFunction"),
                SamPolicyTemplates.expand(
                        "StepFunctionsExecutionPolicy", Map.of("StateMachineName", "aiblog-pipeline")));
        // a token of this machine says which state machine it belongs to; anything else cannot be read
        gateway.taskTokenResolver(token -> token.startsWith("token-of-pipeline")
                ? java.util.Optional.of(STATE_MACHINE)
                : java.util.Optional.empty());
        review = gateway.issue(
                Principal.of("ReviewFunction"),
                SamPolicyTemplates.expand(
                        "StepFunctionsCallbackPolicy", Map.of("StateMachineName", "aiblog-pipeline")));
        anyStateMachine = gateway.issue(
                Principal.of("AnyStateMachineFunction"),
                Policy.of(Statement.allow(
                        "inline",
                        java.util.List.of("states:SendTaskSuccess", "states:SendTaskFailure"),
                        java.util.List.of("*"))));
        otherStateMachine = gateway.issue(
                Principal.of("OtherFunction"),
                SamPolicyTemplates.expand("StepFunctionsCallbackPolicy", Map.of("StateMachineName", "other")));
        text = gateway.issue(
                Principal.of("GenerateTextFunction"),
                SamPolicyTemplates.expand(
                        "AWSSecretsManagerGetSecretValuePolicy",
                        Map.of(
                                "SecretArn",
                                "arn:aws:secretsmanager:us-east-1:000000000000:secret:aiblog/openai-api-key*")));
    }

    @AfterAll
    static void stop() {
        clients.close();
        gateway.close();
        sfn.close();
    }

    @Test
    void startExecution_isAllowedOnTheStateMachine_describeExecutionIsNot() {
        try (SfnClient client = clients.sfn(Clients.session(dispatch))) {
            int before = sfn.received().size();
            StartExecutionResponse started = client.startExecution(
                    b -> b.stateMachineArn(STATE_MACHINE).name("r-1").input("{}"));
            SfnException denied = catchThrowableOfType(
                    SfnException.class, () -> client.describeExecution(b -> b.executionArn(started.executionArn())));

            assertThat(started.executionArn()).endsWith(":r-1");
            assertThat(sfn.received()).hasSize(before + 1);
            assertThat(sfn.last().header("X-Amz-Target")).isEqualTo("AWSStepFunctions.StartExecution");
            assertThat(denied.getClass()).isEqualTo(SfnException.class);
            assertThat(denied.statusCode()).isEqualTo(400);
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(denied.awsErrorDetails().errorMessage())
                    .contains("states:DescribeExecution on resource: " + started.executionArn());
        }
    }

    @Test
    void sendTaskSuccessAndFailure_areAllowedByTheCallbackPolicyOnTheTokensStateMachine() {
        try (SfnClient client = clients.sfn(Clients.session(review))) {
            int before = sfn.received().size();
            client.sendTaskSuccess(b -> b.taskToken("token-of-pipeline-1").output("{\"decision\":\"APPROVE\"}"));
            client.sendTaskFailure(
                    b -> b.taskToken("token-of-pipeline-2").error("Rejected").cause("off topic"));
            client.sendTaskHeartbeat(b -> b.taskToken("token-of-pipeline-3"));

            assertThat(sfn.received()).hasSize(before + 3);
            assertThat(sfn.last().header("X-Amz-Target")).isEqualTo("AWSStepFunctions.SendTaskHeartbeat");
            assertThat(gateway.accessLog().getLast().action()).isEqualTo("states:SendTaskHeartbeat");
            assertThat(gateway.accessLog().getLast().resource()).isEqualTo(STATE_MACHINE);
        }
    }

    @Test
    void sendTaskSuccess_isAllowedByResourceStar_evenForATokenThatCannotBeRead() {
        try (SfnClient client = clients.sfn(Clients.session(anyStateMachine))) {
            client.sendTaskSuccess(b -> b.taskToken("token-of-pipeline-1").output("{}"));
            client.sendTaskFailure(b -> b.taskToken("unreadable").error("E"));

            assertThat(gateway.accessLog().getLast().resource()).isEqualTo("*");
            assertThat(gateway.accessLog().getLast().allowed()).isTrue();
        }
    }

    @Test
    void sendTask_isRefusedWithoutThePermission_orForAnotherStateMachine() {
        try (SfnClient withoutIt = clients.sfn(Clients.session(dispatch));
                SfnClient otherMachine = clients.sfn(Clients.session(otherStateMachine));
                SfnClient scoped = clients.sfn(Clients.session(review))) {
            int before = sfn.received().size();
            SfnException noPermission = catchThrowableOfType(
                    SfnException.class,
                    () -> withoutIt.sendTaskSuccess(
                            b -> b.taskToken("token-of-pipeline-1").output("{}")));
            SfnException wrongMachine = catchThrowableOfType(
                    SfnException.class,
                    () -> otherMachine.sendTaskFailure(
                            b -> b.taskToken("token-of-pipeline-1").error("E")));
            SfnException unreadable = catchThrowableOfType(
                    SfnException.class, () -> scoped.sendTaskHeartbeat(b -> b.taskToken("unreadable")));

            for (SfnException denied : new SfnException[] {noPermission, wrongMachine, unreadable}) {
                assertThat(denied.statusCode()).isEqualTo(400);
                assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            }
            assertThat(noPermission.awsErrorDetails().errorMessage())
                    .contains("states:SendTaskSuccess on resource: " + STATE_MACHINE);
            assertThat(sfn.received()).hasSize(before);
        }
    }

    @Test
    void secretByName_fullArn_andPartialArn() {
        try (SecretsManagerClient client = clients.secretsManager(Clients.session(text))) {
            GetSecretValueResponse byName = client.getSecretValue(b -> b.secretId("aiblog/openai-api-key"));
            GetSecretValueResponse byArn = client.getSecretValue(b -> b.secretId(openAiKeyArn));
            GetSecretValueResponse byPartialArn = client.getSecretValue(
                    b -> b.secretId("arn:aws:secretsmanager:us-east-1:000000000000:secret:aiblog/openai-api-key"));

            for (GetSecretValueResponse response : new GetSecretValueResponse[] {byName, byArn, byPartialArn}) {
                assertThat(response.secretString()).isEqualTo("sk-local-test");
                assertThat(response.arn()).isEqualTo(openAiKeyArn);
                assertThat(response.name()).isEqualTo("aiblog/openai-api-key");
                assertThat(response.versionStages()).containsExactly("AWSCURRENT");
                assertThat(response.versionId()).isNotBlank();
                assertThat(response.createdDate()).isNotNull();
            }
            assertThat(openAiKeyArn)
                    .matches(
                            "arn:aws:secretsmanager:us-east-1:000000000000:secret:aiblog/openai-api-key-[A-Za-z0-9]{6}");
            assertThat(gateway.accessLog().getLast().resource()).isEqualTo(openAiKeyArn);
        }
    }

    @Test
    void anotherSecret_isDenied_andAnUnknownOneIsNotFound() {
        try (SecretsManagerClient client = clients.secretsManager(Clients.session(text))) {
            SecretsManagerException denied = catchThrowableOfType(
                    SecretsManagerException.class, () -> client.getSecretValue(b -> b.secretId("aiblog/other")));
            ResourceNotFoundException missing = catchThrowableOfType(
                    ResourceNotFoundException.class,
                    () -> client.getSecretValue(b -> b.secretId("aiblog/openai-api-key-rotated")));

            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(denied.awsErrorDetails().errorMessage())
                    .contains(
                            "secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:000000000000:secret:aiblog/other-");
            assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
            assertThat(missing.awsErrorDetails().errorMessage())
                    .isEqualTo("Secrets Manager can't find the specified secret.");
        }
    }

    @Test
    void describeSecret_needsItsOwnPermission() {
        try (SecretsManagerClient client = clients.secretsManager(Clients.session(text))) {
            SecretsManagerException denied = catchThrowableOfType(
                    SecretsManagerException.class,
                    () -> client.describeSecret(b -> b.secretId("aiblog/openai-api-key")));

            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(gateway.accessLog().getLast().action()).isEqualTo("secretsmanager:DescribeSecret");
        }
    }
}
