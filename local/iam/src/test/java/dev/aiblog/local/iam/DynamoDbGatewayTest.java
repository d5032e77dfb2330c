package dev.aiblog.local.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

class DynamoDbGatewayTest {

    private static final String REQUESTS = "arn:aws:dynamodb:us-east-1:000000000000:table/Requests";
    private static final String BLOGS = "arn:aws:dynamodb:us-east-1:000000000000:table/Blogs";

    private static RecordingBackend dynamoDb;
    private static IamGateway gateway;
    private static Clients clients;
    private static LambdaCredentials publish;

    @BeforeAll
    static void start() throws Exception {
        dynamoDb = new RecordingBackend(request -> ServiceResponse.json(
                200,
                "application/x-amz-json-1.0",
                "{\"Item\":{\"requestId\":{\"S\":\"r-1\"},\"status\":{\"S\":\"QUEUED\"}}}"));
        gateway = IamGateway.builder()
                .backend(AwsService.DYNAMODB, dynamoDb.endpoint())
                .start();
        clients = new Clients(gateway.endpoint());
        Policy role = SamPolicyTemplates.expand("DynamoDBCrudPolicy", Map.of("TableName", "Requests"))
                .and(SamPolicyTemplates.expand("DynamoDBReadPolicy", Map.of("TableName", "Blogs")));
        publish = gateway.issue(Principal.of("PublishFunction"), role);
    }

    @AfterAll
    static void stop() {
        clients.close();
        gateway.close();
        dynamoDb.close();
    }

    @BeforeEach
    void clear() {
        dynamoDb.clear();
    }

    @Test
    void allowedCall_isForwardedByteForByte_andTheBackendsAnswerReturned() {
        try (DynamoDbClient client = clients.dynamoDb(Clients.session(publish))) {
            GetItemResponse response =
                    client.getItem(b -> b.tableName("Requests").key(Map.of("requestId", AttributeValue.fromS("r-1"))));

            assertThat(response.item()).containsEntry("status", AttributeValue.fromS("QUEUED"));
            Clients.Sent sent = clients.sent().getLast();
            RecordingBackend.Received received = dynamoDb.last();
            assertThat(received.method()).isEqualTo("POST");
            assertThat(received.rawPath()).isEqualTo("/");
            assertThat(received.body()).isEqualTo(sent.body());
            assertThat(received.header("X-Amz-Target")).isEqualTo("DynamoDB_20120810.GetItem");
            assertThat(received.header("Authorization"))
                    .isEqualTo(
                            sent.request().firstMatchingHeader("Authorization").orElseThrow());
            assertThat(received.header("X-Amz-Security-Token")).isEqualTo(publish.sessionToken());
            assertThat(received.header("X-Amz-Date"))
                    .isEqualTo(sent.request().firstMatchingHeader("X-Amz-Date").orElseThrow());
            assertThat(gateway.accessLog().getLast()).satisfies(entry -> {
                assertThat(entry.allowed()).isTrue();
                assertThat(entry.action()).isEqualTo("dynamodb:GetItem");
                assertThat(entry.resource()).isEqualTo(REQUESTS);
                assertThat(entry.principal()).contains(publish.principal());
                assertThat(entry.statement())
                        .hasValueSatisfying(s -> assertThat(s).startsWith("DynamoDBCrudPolicy{TableName=Requests}"));
            });
        }
    }

    @Test
    void deniedCall_getsAwsAccessDenied_andNeverReachesTheBackend() {
        try (DynamoDbClient client = clients.dynamoDb(Clients.session(publish))) {
            DynamoDbException denied = catchThrowableOfType(
                    DynamoDbException.class,
                    () -> client.putItem(b -> b.tableName("Blogs").item(Map.of("pk", AttributeValue.fromS("p")))));

            assertThat(denied.statusCode()).isEqualTo(400);
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(denied.awsErrorDetails().errorMessage())
                    .isEqualTo(
                            "User: arn:aws:sts::000000000000:assumed-role/PublishFunctionRole/PublishFunction is not authorized to perform:"
                                    + " dynamodb:PutItem on resource: " + BLOGS
                                    + " because no identity-based policy allows the dynamodb:PutItem action");
            assertThat(dynamoDb.received()).isEmpty();
            assertThat(gateway.accessLog().getLast().allowed()).isFalse();
            assertThat(gateway.accessLog().getLast().statement()).contains("no statement");
        }
    }

    @Test
    void clientWithoutSessionToken_isRefusedWithTheTokenError() {
        try (DynamoDbClient client = clients.dynamoDb(Clients.withoutToken(publish))) {
            DynamoDbException refused = catchThrowableOfType(
                    DynamoDbException.class,
                    () -> client.getItem(
                            b -> b.tableName("Requests").key(Map.of("requestId", AttributeValue.fromS("r-1")))));

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
            assertThat(refused.awsErrorDetails().errorMessage())
                    .isEqualTo("The security token included in the request is invalid.");
            assertThat(dynamoDb.received()).isEmpty();
            assertThat(gateway.accessLog().getLast().reason())
                    .contains("AwsBasicCredentials")
                    .contains("AWS_SESSION_TOKEN");
            assertThat(gateway.accessLog().getLast().principal()).contains(publish.principal());
        }
    }

    @Test
    void wrongSecret_isRefusedWithTheSignatureError() {
        try (DynamoDbClient client = clients.dynamoDb(Clients.wrongSecret(publish))) {
            DynamoDbException refused = catchThrowableOfType(
                    DynamoDbException.class,
                    () -> client.getItem(
                            b -> b.tableName("Requests").key(Map.of("requestId", AttributeValue.fromS("r-1")))));

            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
            assertThat(refused.awsErrorDetails().errorMessage())
                    .startsWith("The request signature we calculated does not match");
            assertThat(dynamoDb.received()).isEmpty();
        }
    }

    @Test
    void unknownAccessKey_isRefused() {
        AwsSessionCredentials stranger = AwsSessionCredentials.create("ASIAXXXXXXXXXXXXXXXX", "secret", "token");
        try (DynamoDbClient client = clients.dynamoDb(Clients.of(stranger))) {
            DynamoDbException refused = catchThrowableOfType(DynamoDbException.class, () -> client.listTables());

            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
            assertThat(dynamoDb.received()).isEmpty();
            assertThat(gateway.accessLog().getLast().principal()).isEmpty();
        }
    }

    @Test
    void transactWriteNeedsPutItemOnEveryTable_oneDeniedRefusesAll() {
        try (DynamoDbClient client = clients.dynamoDb(Clients.session(publish))) {
            DynamoDbException denied = catchThrowableOfType(
                    DynamoDbException.class,
                    () -> client.transactWriteItems(b -> b.transactItems(
                            TransactWriteItem.builder()
                                    .put(Put.builder()
                                            .tableName("Requests")
                                            .item(Map.of("requestId", AttributeValue.fromS("r")))
                                            .build())
                                    .build(),
                            TransactWriteItem.builder()
                                    .put(Put.builder()
                                            .tableName("Blogs")
                                            .item(Map.of("pk", AttributeValue.fromS("p")))
                                            .build())
                                    .build())));

            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(denied.awsErrorDetails().errorMessage()).contains("dynamodb:PutItem on resource: " + BLOGS);
            assertThat(dynamoDb.received()).isEmpty();
            List<AccessLogEntry> last = gateway.accessLog()
                    .subList(gateway.accessLog().size() - 2, gateway.accessLog().size());
            assertThat(last)
                    .extracting(AccessLogEntry::action, AccessLogEntry::resource, AccessLogEntry::allowed)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("dynamodb:PutItem", REQUESTS, true),
                            org.assertj.core.groups.Tuple.tuple("dynamodb:PutItem", BLOGS, false));
        }
    }

    @Test
    void queryOnAnIndex_isCheckedOnTheIndexArn() {
        try (DynamoDbClient client = clients.dynamoDb(Clients.session(publish))) {
            client.query(b -> b.tableName("Blogs")
                    .indexName("Feed")
                    .keyConditionExpression("feedPk = :p")
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("FEED"))));

            assertThat(gateway.accessLog().getLast().resource()).isEqualTo(BLOGS + "/index/Feed");
            assertThat(gateway.accessLog().getLast().allowed()).isTrue();
            assertThat(dynamoDb.received()).hasSize(1);
        }
    }

    @Test
    void unsignedRequest_isMissingAuthenticationToken() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(gateway.endpoint() + "/"))
                            .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                            .header("Content-Type", "application/x-amz-json-1.0")
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body())
                    .contains("MissingAuthenticationTokenException")
                    .contains("Request is missing Authentication Token");
            assertThat(dynamoDb.received()).isEmpty();
        }
    }
}
