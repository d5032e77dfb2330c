package dev.aiblog.local.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestClassifierTest {

    private final JsonRequestClassifier json = new JsonRequestClassifier(id -> id.equals("known")
            ? Optional.of("arn:aws:secretsmanager:us-east-1:000000000000:secret:known-AbCdEf")
            : Optional.empty());

    @ParameterizedTest(name = "{0} {1}?{2} -> {3} {4}")
    @CsvSource(
            delimiter = '|',
            value = {
                "GET    | /content/images/a.png      |                     | s3:GetObject                 | arn:aws:s3:::content/images/a.png",
                "HEAD   | /content/images/a.png      |                     | s3:GetObject                 | arn:aws:s3:::content/images/a.png",
                "GET    | /content/images/a%20b.png  | versionId=3         | s3:GetObjectVersion          | arn:aws:s3:::content/images/a b.png",
                "PUT    | /content/posts/p.md        | x-id=PutObject      | s3:PutObject                 | arn:aws:s3:::content/posts/p.md",
                "DELETE | /content/drafts/d.json     |                     | s3:DeleteObject              | arn:aws:s3:::content/drafts/d.json",
                "GET    | /content                   | list-type=2&prefix=p | s3:ListBucket               | arn:aws:s3:::content",
                "GET    | /content/                  |                     | s3:ListBucket                | arn:aws:s3:::content",
                "HEAD   | /content                   |                     | s3:ListBucket                | arn:aws:s3:::content",
                "GET    | /content                   | location            | s3:GetBucketLocation         | arn:aws:s3:::content",
                "PUT    | /content                   |                     | s3:CreateBucket              | arn:aws:s3:::content",
                "POST   | /content/big.bin           | uploads             | s3:PutObject                 | arn:aws:s3:::content/big.bin",
                "PUT    | /content/big.bin           | partNumber=1&uploadId=u | s3:PutObject             | arn:aws:s3:::content/big.bin",
                "DELETE | /content/big.bin           | uploadId=u          | s3:AbortMultipartUpload      | arn:aws:s3:::content/big.bin",
                "GET    | /                          |                     | s3:ListAllMyBuckets          | *",
            })
    void s3RequestsMapToTheirActions(String method, String path, String query, String action, String resource)
            throws Exception {
        List<ResourceAction> actions =
                S3RequestClassifier.classify(new AwsRequest(method, path, query, Map.of(), new byte[0]));

        assertThat(actions).containsExactly(new ResourceAction(action, resource));
    }

    @Test
    void s3DeleteObjects_needsDeleteObjectOnEveryKey() throws Exception {
        String body =
                "<Delete><Object><Key>drafts/a.json</Key></Object><Object><Key>drafts/b&amp;c.json</Key></Object></Delete>";

        List<ResourceAction> actions = S3RequestClassifier.classify(
                new AwsRequest("POST", "/content", "delete", Map.of(), body.getBytes(StandardCharsets.UTF_8)));

        assertThat(actions)
                .containsExactly(
                        new ResourceAction("s3:DeleteObject", "arn:aws:s3:::content/drafts/a.json"),
                        new ResourceAction("s3:DeleteObject", "arn:aws:s3:::content/drafts/b&c.json"));
    }

    @Test
    void s3CopyObject_alsoNeedsGetObjectOnTheSource() throws Exception {
        List<ResourceAction> actions = S3RequestClassifier.classify(new AwsRequest(
                "PUT",
                "/content/posts/p.md",
                "",
                Map.of("x-amz-copy-source", List.of("/content/drafts/p%20v1.md")),
                new byte[0]));

        assertThat(actions)
                .containsExactly(
                        new ResourceAction("s3:PutObject", "arn:aws:s3:::content/posts/p.md"),
                        new ResourceAction("s3:GetObject", "arn:aws:s3:::content/drafts/p v1.md"));
    }

    @Test
    void s3OperationsWithoutAMapping_areRefusedNotGuessed() {
        assertThatThrownBy(() -> S3RequestClassifier.classify(
                        new AwsRequest("PUT", "/content", "policy", Map.of(), new byte[0])))
                .isInstanceOf(UnclassifiableRequestException.class)
                .hasMessageContaining("PUT /content?policy");
        assertThatThrownBy(() -> S3RequestClassifier.classify(
                        new AwsRequest("GET", "/content/k", "torrent", Map.of(), new byte[0])))
                .isInstanceOf(UnclassifiableRequestException.class)
                .hasMessageContaining("object operation");
    }

    @Test
    void dynamoDbBatchesAndTransactionsNeedTheUnderlyingActionOnEachTable() throws Exception {
        assertThat(dynamo("BatchWriteItem", "{\"RequestItems\": {\"A\": [], \"B\": []}}"))
                .containsExactly(
                        new ResourceAction(
                                "dynamodb:BatchWriteItem", "arn:aws:dynamodb:us-east-1:000000000000:table/A"),
                        new ResourceAction(
                                "dynamodb:BatchWriteItem", "arn:aws:dynamodb:us-east-1:000000000000:table/B"));
        assertThat(dynamo("TransactWriteItems", """
                {"TransactItems": [{"ConditionCheck": {"TableName": "A"}}, {"Update": {"TableName": "B"}}, {"Delete": {"TableName": "A"}}]}"""))
                .containsExactly(
                        new ResourceAction(
                                "dynamodb:ConditionCheckItem", "arn:aws:dynamodb:us-east-1:000000000000:table/A"),
                        new ResourceAction("dynamodb:UpdateItem", "arn:aws:dynamodb:us-east-1:000000000000:table/B"),
                        new ResourceAction("dynamodb:DeleteItem", "arn:aws:dynamodb:us-east-1:000000000000:table/A"));
        assertThat(dynamo("TransactGetItems", "{\"TransactItems\": [{\"Get\": {\"TableName\": \"A\"}}]}"))
                .containsExactly(
                        new ResourceAction("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:000000000000:table/A"));
        assertThat(dynamo("Scan", "{\"TableName\": \"A\", \"IndexName\": \"I\"}"))
                .containsExactly(
                        new ResourceAction("dynamodb:Scan", "arn:aws:dynamodb:us-east-1:000000000000:table/A/index/I"));
        assertThatThrownBy(() -> dynamo("ExecuteStatement", "{\"Statement\": \"SELECT * FROM A\"}"))
                .isInstanceOf(UnclassifiableRequestException.class)
                .hasMessageContaining("PartiQL");
    }

    @Test
    void sqsQueueUrlsBecomeQueueArns() throws Exception {
        assertThat(JsonRequestClassifier.queueArn("http://localhost:9324/000000000000/requests-dlq"))
                .isEqualTo("arn:aws:sqs:us-east-1:000000000000:requests-dlq");
        assertThat(JsonRequestClassifier.queueArn("https://sqs.us-east-1.amazonaws.com/123456789012/q"))
                .isEqualTo("arn:aws:sqs:us-east-1:123456789012:q");
        assertThatThrownBy(() -> JsonRequestClassifier.queueArn("http://localhost:9324/queue/q/extra"))
                .isInstanceOf(UnclassifiableRequestException.class);
        assertThat(classify(
                        AwsService.SQS, "AmazonSQS.ChangeMessageVisibilityBatch", "{\"QueueUrl\": \"http://h/1/q\"}"))
                .containsExactly(new ResourceAction("sqs:ChangeMessageVisibility", "arn:aws:sqs:us-east-1:1:q"));
    }

    @Test
    void stepFunctionsAndSecretsManagerResources() throws Exception {
        assertThat(classify(AwsService.STEP_FUNCTIONS, "AWSStepFunctions.SendTaskSuccess", "{\"taskToken\": \"t\"}"))
                .containsExactly(new ResourceAction("states:SendTaskSuccess", "*"));
        JsonRequestClassifier withTokens = new JsonRequestClassifier(
                id -> Optional.empty(),
                token -> token.equals("readable")
                        ? Optional.of("arn:aws:states:us-east-1:000000000000:stateMachine:m")
                        : Optional.empty());
        for (String operation : List.of("SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat")) {
            assertThat(withTokens.classify(
                            AwsService.STEP_FUNCTIONS,
                            request("AWSStepFunctions." + operation, "{\"taskToken\": \"readable\"}")))
                    .containsExactly(new ResourceAction(
                            "states:" + operation, "arn:aws:states:us-east-1:000000000000:stateMachine:m"));
            assertThat(withTokens.classify(
                            AwsService.STEP_FUNCTIONS,
                            request("AWSStepFunctions." + operation, "{\"taskToken\": \"unreadable\"}")))
                    .containsExactly(new ResourceAction("states:" + operation, "*"));
        }
        assertThat(classify(
                        AwsService.STEP_FUNCTIONS, "AWSStepFunctions.StopExecution", "{\"executionArn\": \"arn:e\"}"))
                .containsExactly(new ResourceAction("states:StopExecution", "arn:e"));
        assertThat(classify(AwsService.SECRETS_MANAGER, "secretsmanager.GetSecretValue", "{\"SecretId\": \"known\"}"))
                .containsExactly(new ResourceAction(
                        "secretsmanager:GetSecretValue",
                        "arn:aws:secretsmanager:us-east-1:000000000000:secret:known-AbCdEf"));
        assertThat(classify(AwsService.SECRETS_MANAGER, "secretsmanager.GetSecretValue", "{\"SecretId\": \"unknown\"}"))
                .containsExactly(new ResourceAction(
                        "secretsmanager:GetSecretValue",
                        "arn:aws:secretsmanager:us-east-1:000000000000:secret:unknown"));
    }

    @Test
    void aTargetOfAnotherServiceIsRefused() {
        assertThatThrownBy(() -> classify(AwsService.DYNAMODB, "AmazonSQS.SendMessage", "{}"))
                .isInstanceOf(UnclassifiableRequestException.class)
                .hasMessageContaining("not a dynamodb operation");
    }

    private List<ResourceAction> dynamo(String operation, String body) throws Exception {
        return classify(AwsService.DYNAMODB, "DynamoDB_20120810." + operation, body);
    }

    private List<ResourceAction> classify(AwsService service, String target, String body) throws Exception {
        return json.classify(service, request(target, body));
    }

    private static AwsRequest request(String target, String body) {
        return new AwsRequest(
                "POST", "/", "", Map.of("X-Amz-Target", List.of(target)), body.getBytes(StandardCharsets.UTF_8));
    }
}
