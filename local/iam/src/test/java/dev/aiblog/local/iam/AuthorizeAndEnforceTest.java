package dev.aiblog.local.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class AuthorizeAndEnforceTest {

    private static final String MODERATE = "arn:aws:lambda:us-east-1:000000000000:function:aiblog-ModerateFunction";
    private static final String PUBLISH = "arn:aws:lambda:us-east-1:000000000000:function:aiblog-PublishFunction";

    @Test
    void authorize_checksInProcessActions_andRecordsThem() {
        try (IamGateway gateway = IamGateway.builder().start()) {
            Principal machine = Principal.of("BlogPipelineStateMachine");
            gateway.issue(
                    machine,
                    SamPolicyTemplates.expand("LambdaInvokePolicy", Map.of("FunctionName", "aiblog-ModerateFunction")));

            Decision allowed = gateway.authorize(machine, "lambda:InvokeFunction", MODERATE);

            assertThat(allowed.allowed()).isTrue();
            assertThatThrownBy(() -> gateway.authorize(machine, "lambda:InvokeFunction", PUBLISH))
                    .isInstanceOfSatisfying(IamAccessDeniedException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo("AccessDeniedException");
                        assertThat(e.action()).isEqualTo("lambda:InvokeFunction");
                        assertThat(e.resource()).isEqualTo(PUBLISH);
                        assertThat(e.getMessage())
                                .isEqualTo("User: arn:aws:sts::000000000000:assumed-role/BlogPipelineStateMachineRole/"
                                        + "BlogPipelineStateMachine is not authorized to perform: lambda:InvokeFunction on resource: "
                                        + PUBLISH
                                        + " because no identity-based policy allows the lambda:InvokeFunction action");
                    });
            assertThat(gateway.accessLog())
                    .extracting(AccessLogEntry::service, AccessLogEntry::allowed)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("lambda", true),
                            org.assertj.core.groups.Tuple.tuple("lambda", false));
            assertThatThrownBy(() -> gateway.authorize(Principal.of("Nobody"), "lambda:InvokeFunction", MODERATE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Nobody");
        }
    }

    @Test
    void notEnforcing_forwardsWhatItWouldRefuse_andRecordsIt() throws Exception {
        try (RecordingBackend dynamoDb =
                        new RecordingBackend(r -> ServiceResponse.json(200, "application/x-amz-json-1.0", "{}"));
                IamGateway gateway = IamGateway.builder()
                        .backend(AwsService.DYNAMODB, dynamoDb.endpoint())
                        .enforce(false)
                        .start();
                Clients clients = new Clients(gateway.endpoint())) {
            LambdaCredentials reader = gateway.issue(
                    Principal.of("ApiFunction"),
                    SamPolicyTemplates.expand("DynamoDBReadPolicy", Map.of("TableName", "Blogs")));

            try (DynamoDbClient client = clients.dynamoDb(Clients.session(reader));
                    DynamoDbClient tokenless = clients.dynamoDb(Clients.withoutToken(reader))) {
                client.putItem(b -> b.tableName("Blogs").item(Map.of("pk", AttributeValue.fromS("p"))));
                tokenless.getItem(b -> b.tableName("Blogs").key(Map.of("pk", AttributeValue.fromS("p"))));
            }

            assertThat(dynamoDb.received()).hasSize(2);
            assertThat(gateway.enforcing()).isFalse();
            assertThat(gateway.accessLog()).hasSize(2).allSatisfy(entry -> {
                assertThat(entry.allowed()).isFalse();
                assertThat(entry.enforced()).isFalse();
                assertThat(entry.summary()).startsWith("WOULD-DENY ApiFunction");
            });
        }
    }

    @Test
    void aServiceWithoutBackend_isAnsweredClearly() {
        try (IamGateway gateway = IamGateway.builder().start();
                Clients clients = new Clients(gateway.endpoint())) {
            LambdaCredentials reader = gateway.issue(
                    Principal.of("ApiFunction"),
                    SamPolicyTemplates.expand("DynamoDBReadPolicy", Map.of("TableName", "Blogs")));
            try (DynamoDbClient client = clients.dynamoDb(Clients.session(reader))) {
                assertThatThrownBy(() -> client.describeTable(b -> b.tableName("Blogs")))
                        .hasMessageContaining("no backend is registered with the local IAM gateway for dynamodb");
            }
        }
    }

    @Test
    void aBackendThatDoesNotAnswer_isAServiceUnavailable() throws Exception {
        java.net.URI closed;
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = java.net.URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        try (IamGateway gateway = IamGateway.builder()
                        .backend(AwsService.DYNAMODB, closed)
                        .start();
                Clients clients = new Clients(gateway.endpoint())) {
            LambdaCredentials reader = gateway.issue(
                    Principal.of("ApiFunction"),
                    SamPolicyTemplates.expand("DynamoDBReadPolicy", Map.of("TableName", "Blogs")));
            try (DynamoDbClient client = clients.dynamoDb(Clients.session(reader))) {
                assertThatThrownBy(() -> client.describeTable(b -> b.tableName("Blogs")))
                        .isInstanceOfSatisfying(
                                software.amazon.awssdk.services.dynamodb.model.DynamoDbException.class, e -> {
                                    assertThat(e.statusCode()).isEqualTo(503);
                                    assertThat(e.awsErrorDetails().errorMessage())
                                            .contains("backend at " + closed + " did not answer");
                                });
            }
        }
    }
}
