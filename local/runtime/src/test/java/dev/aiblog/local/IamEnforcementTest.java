package dev.aiblog.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.aws.AwsClients;
import dev.aiblog.core.Json;
import dev.aiblog.core.config.Settings;
import dev.aiblog.local.cli.AiblogHarness;
import dev.aiblog.local.iam.LambdaCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * What AWS would refuse, the local stack refuses: each function runs with its own temporary credentials and every
 * call it makes is checked against its role in template.yaml.
 */
class IamEnforcementTest {
    private static final String TOPIC = "How tide pools survive the winter";

    @Test
    void generateStopsAndNamesTheRefusedCall_whenTheDispatchFunctionMayNotReadRequests(@TempDir Path copy)
            throws IOException {
        String template = Files.readString(Repository.root().resolve("template.yaml"));
        // the dispatch function's DynamoDB statement (read the request, then mark it RUNNING), removed
        String broken = template.replaceFirst(
                "(?s)        - Statement:\\n            # read first \\(a request that already ended.*?Resource: !GetAtt RequestsTable.Arn\\n",
                "");
        assertThat(broken)
                .as("the test removes the dispatch function's DynamoDB policy")
                .isNotEqualTo(template)
                .contains("StepFunctionsExecutionPolicy");
        Files.writeString(copy.resolve("template.yaml"), broken);
        copyTree(Repository.root().resolve("statemachine"), copy.resolve("statemachine"));

        AiblogHarness.Run run = AiblogHarness.run(
                Map.of(
                        "AIBLOG_HOME",
                        copy.resolve(".aiblog").toString(),
                        "AIBLOG_REPO",
                        copy.toString(),
                        "AIBLOG_TIME_SCALE",
                        "0"),
                "generate",
                "--timeout",
                "120",
                TOPIC);

        assertThat(run.exitCode()).as(run.out()).isEqualTo(3);
        assertThat(run.out())
                .contains(
                        "refused by IAM: DispatchFunction was refused dynamodb:GetItem on arn:aws:dynamodb:us-east-1:000000000000:table/RequestsTable")
                .doesNotContain("PUBLISHED");
    }

    @Test
    void aClientBuiltWithoutTheSessionTokenIsRefused_andTheFunctionsOwnClientsAreNot() {
        try (LocalCloud cloud = LocalCloud.start(LocalCloud.Options.inMemory(Repository.root()))) {
            Settings dispatch = cloud.functions().settings("DispatchFunction");
            LambdaCredentials issued = cloud.aws().credentials("DispatchFunction");
            Map<String, AttributeValue> key = Map.of("requestId", AttributeValue.fromS("no-such-request"));

            assertThat(dispatch.get("AWS_SESSION_TOKEN")).contains(issued.sessionToken());
            assertThat(dispatch.get("AWS_ACCESS_KEY_ID"))
                    .hasValueSatisfying(id -> assertThat(id).startsWith("ASIA"));
            assertThat(dispatch.get("AWS_LAMBDA_FUNCTION_NAME")).contains("DispatchFunction");
            assertThat(dispatch.get("AWS_REGION")).contains("us-east-1");
            try (DynamoDbClient withoutToken = DynamoDbClient.builder()
                    .endpointOverride(cloud.aws().gateway().endpoint())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(issued.accessKeyId(), issued.secretAccessKey())))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build()) {
                assertThatThrownBy(() -> withoutToken.getItem(
                                b -> b.tableName(dispatch.requestsTable()).key(key)))
                        .isInstanceOf(DynamoDbException.class)
                        .satisfies(e -> assertThat(((DynamoDbException) e)
                                        .awsErrorDetails()
                                        .errorCode())
                                .isEqualTo("UnrecognizedClientException"))
                        .hasMessageContaining("The security token included in the request is invalid");
            }
            try (DynamoDbClient functions = AwsClients.dynamoDb(dispatch)) {
                assertThat(functions
                                .getItem(b ->
                                        b.tableName(dispatch.requestsTable()).key(key))
                                .hasItem())
                        .isFalse();
                // allowed to read, not to delete: the role grants what the dispatcher calls and no more
                assertThatThrownBy(() -> functions.deleteItem(
                                b -> b.tableName(dispatch.requestsTable()).key(key)))
                        .isInstanceOf(DynamoDbException.class)
                        .satisfies(e -> assertThat(((DynamoDbException) e)
                                        .awsErrorDetails()
                                        .errorCode())
                                .isEqualTo("AccessDeniedException"))
                        .hasMessageContaining(
                                "assumed-role/DispatchFunctionRole/DispatchFunction is not authorized to perform: dynamodb:DeleteItem");
            }
        }
    }

    /**
     * A post from topic to feed, read and liked, with its image fetched through the presigned URL: every call of
     * every function is checked and none is refused. Writes what each function called to
     * {@code target/iam-access-report.txt}.
     */
    @Test
    void aPostIsPublishedReadAndLikedWithEveryCallAllowedByTheTemplatesRoles() throws Exception {
        try (LocalRuntime runtime =
                LocalRuntime.start(LocalCloud.Options.inMemory(Repository.root()), 0, "iam-test-token", false)) {
            HttpClient http = HttpClient.newHttpClient();
            URI base = runtime.url();
            JsonNode accepted = send(
                    http,
                    HttpRequest.newBuilder(base.resolve("/blogs"))
                            .header("Authorization", "Bearer iam-test-token")
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"" + TOPIC + "\"}")),
                    202);
            String requestId = accepted.path("requestId").asText();
            JsonNode request = waitForEnd(http, base, requestId);
            assertThat(request.path("status").asText()).as(request.toString()).isEqualTo("PUBLISHED");
            String postId = request.path("postId").asText();
            JsonNode post = send(http, HttpRequest.newBuilder(base.resolve("/blogs/" + postId)), 200);
            send(http, HttpRequest.newBuilder(base.resolve("/feed?limit=5")), 200);
            send(
                    http,
                    HttpRequest.newBuilder(base.resolve("/blogs/" + postId + "/likes"))
                            .header("Authorization", "Bearer iam-test-token")
                            .POST(HttpRequest.BodyPublishers.noBody()),
                    200);
            HttpResponse<byte[]> image = http.send(
                    HttpRequest.newBuilder(URI.create(post.path("imageUrl").asText()))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(image.statusCode())
                    .as("the presigned image URL, checked against the API function's role")
                    .isEqualTo(200);
            assertThat(image.body()).isNotEmpty();

            Map<String, Long> decisions = runtime.cloud().aws().gateway().decisions();
            assertThat(runtime.cloud().aws().refusals()).isEmpty();
            assertThat(decisions.keySet())
                    .contains(
                            "ALLOW DispatchFunction dynamodb:GetItem arn:aws:dynamodb:us-east-1:000000000000:table/RequestsTable",
                            "ALLOW DispatchFunction states:StartExecution arn:aws:states:us-east-1:000000000000:stateMachine:BlogPipelineStateMachine",
                            "ALLOW BlogPipelineStateMachine lambda:InvokeFunction arn:aws:lambda:us-east-1:000000000000:function:PublishFunction:live",
                            "ALLOW ApiFunction s3:GetObject arn:aws:s3:::content-bucket/images/" + postId + ".png");
            assertThat(decisions.keySet())
                    .anyMatch(d -> d.startsWith("ALLOW ApiFunction secretsmanager:GetSecretValue "));
            Path report = Path.of("target", "iam-access-report.txt");
            Files.createDirectories(report.getParent());
            Files.writeString(
                    report,
                    decisions.entrySet().stream()
                            .map(e -> e.getKey() + "  x" + e.getValue())
                            .collect(Collectors.joining("\n", "", "\n")));
        }
    }

    private static JsonNode waitForEnd(HttpClient http, URI base, String requestId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            JsonNode request = send(
                    http,
                    HttpRequest.newBuilder(base.resolve("/requests/" + requestId))
                            .header("Authorization", "Bearer iam-test-token"),
                    200);
            String status = request.path("status").asText();
            if (status.equals("PUBLISHED")
                    || status.equals("REJECTED")
                    || status.equals("FAILED")
                    || Instant.now().isAfter(deadline)) {
                return request;
            }
            Thread.sleep(100);
        }
    }

    private static JsonNode send(HttpClient http, HttpRequest.Builder request, int status) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return Json.mapper().readTree(response.body());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
