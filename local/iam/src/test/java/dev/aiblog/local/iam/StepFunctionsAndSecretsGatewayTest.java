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
            StartExecutionResponse started = client.startExecution(
                    b -> b.stateMachineArn(STATE_MACHINE).name("r-1").input("{}"));
            SfnException denied = catchThrowableOfType(
                    SfnException.class, () -> client.describeExecution(b -> b.executionArn(started.executionArn())));

            assertThat(started.executionArn()).endsWith(":r-1");
            assertThat(sfn.received()).hasSize(1);
            assertThat(sfn.last().header("X-Amz-Target")).isEqualTo("AWSStepFunctions.StartExecution");
            assertThat(denied.getClass()).isEqualTo(SfnException.class);
            assertThat(denied.statusCode()).isEqualTo(400);
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(denied.awsErrorDetails().errorMessage())
                    .contains("states:DescribeExecution on resource: " + started.executionArn());
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
