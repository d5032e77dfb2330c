package dev.aiblog.local.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SamPoliciesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a caller's resolver does: Ref and GetAtt to the local names of the template's resources. */
    private static final Function<JsonNode, String> RESOLVER = node -> {
        if (node.has("Ref")) {
            return switch (node.get("Ref").asText()) {
                case "RequestsTable" -> "aiblog-Requests";
                case "ContentBucket" -> "aiblog-content";
                case "ModerateFunction" -> "aiblog-ModerateFunction";
                case "ManagedPolicyArn" -> "arn:aws:iam::aws:policy/CloudWatchLogsFullAccess";
                default -> throw new IllegalArgumentException("no resource " + node);
            };
        }
        if (node.has("Fn::GetAtt")) {
            return "aiblog-requests";
        }
        if (node.has("Fn::Sub")) {
            return node.get("Fn::Sub")
                    .asText()
                    .replace("${AWS::Partition}", "aws")
                    .replace("${AWS::Region}", "us-east-1")
                    .replace("${AWS::AccountId}", "000000000000")
                    .replace("${OpenAiSecretId}", "aiblog/openai-api-key");
        }
        throw new IllegalArgumentException("unexpected " + node);
    };

    @Test
    void templatesExpandWithResolvedParameters() throws Exception {
        Policy role = SamPolicies.roleFor(json("""
                [{"DynamoDBCrudPolicy": {"TableName": {"Ref": "RequestsTable"}}},
                 {"S3ReadPolicy": {"BucketName": {"Ref": "ContentBucket"}}},
                 {"SQSSendMessagePolicy": {"QueueName": {"Fn::GetAtt": ["RequestsQueue", "QueueName"]}}},
                 {"AWSSecretsManagerGetSecretValuePolicy": {"SecretArn": {"Fn::Sub": "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:${OpenAiSecretId}*"}}}]"""), RESOLVER);

        assertThat(role.evaluate("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:000000000000:table/aiblog-Requests")
                        .allowed())
                .isTrue();
        assertThat(role.evaluate(
                                "dynamodb:Query",
                                "arn:aws:dynamodb:us-east-1:000000000000:table/aiblog-Requests/index/Feed")
                        .allowed())
                .isTrue();
        assertThat(role.evaluate("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:000000000000:table/aiblog-Blogs")
                        .allowed())
                .isFalse();
        assertThat(role.evaluate("s3:GetObject", "arn:aws:s3:::aiblog-content/images/a.png")
                        .allowed())
                .isTrue();
        assertThat(role.evaluate("s3:PutObject", "arn:aws:s3:::aiblog-content/images/a.png")
                        .allowed())
                .isFalse();
        assertThat(role.evaluate("sqs:SendMessage", "arn:aws:sqs:us-east-1:000000000000:aiblog-requests")
                        .allowed())
                .isTrue();
        assertThat(role.evaluate(
                                "secretsmanager:GetSecretValue",
                                "arn:aws:secretsmanager:us-east-1:000000000000:secret:aiblog/openai-api-key-AbC123")
                        .allowed())
                .isTrue();
        assertThat(role.evaluate("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:000000000000:table/aiblog-Requests")
                        .describe())
                .startsWith("DynamoDBCrudPolicy{TableName=aiblog-Requests}");
    }

    @Test
    void writePolicyHasNoDeleteAndReadPolicyNoWrite() throws Exception {
        Policy write = SamPolicies.roleFor(json("{\"DynamoDBWritePolicy\": {\"TableName\": \"T\"}}"), RESOLVER);
        Policy read = SamPolicies.roleFor(json("[{\"DynamoDBReadPolicy\": {\"TableName\": \"T\"}}]"), RESOLVER);
        String table = "arn:aws:dynamodb:us-east-1:000000000000:table/T";

        assertThat(write.evaluate("dynamodb:PutItem", table).allowed()).isTrue();
        assertThat(write.evaluate("dynamodb:DeleteItem", table).allowed()).isFalse();
        assertThat(write.evaluate("dynamodb:GetItem", table).allowed()).isFalse();
        assertThat(read.evaluate("dynamodb:GetItem", table).allowed()).isTrue();
        assertThat(read.evaluate("dynamodb:UpdateItem", table).allowed()).isFalse();
    }

    @Test
    void managedPoliciesByNameArnOrIntrinsic() throws Exception {
        Policy byName = SamPolicies.roleFor(json("\"CloudWatchLogsFullAccess\""), RESOLVER);
        Policy byArn = SamPolicies.roleFor(
                json("[\"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole\"]"), RESOLVER);
        Policy byRef = SamPolicies.roleFor(json("[{\"Ref\": \"ManagedPolicyArn\"}]"), RESOLVER);

        assertThat(byName.evaluate("logs:DescribeLogGroups", "*").allowed()).isTrue();
        assertThat(byArn.evaluate("logs:PutLogEvents", "arn:aws:logs:us-east-1:000000000000:log-group:x")
                        .allowed())
                .isTrue();
        assertThat(byArn.evaluate("logs:DescribeLogGroups", "*").allowed()).isFalse();
        assertThat(byRef.evaluate("logs:CreateLogGroup", "*").allowed()).isTrue();
    }

    @Test
    void inlineStatementsResolveIntrinsics() throws Exception {
        Policy role = SamPolicies.roleFor(json("""
                [{"Statement": [{"Effect": "Allow", "Action": ["s3:PutObject"],
                   "Resource": {"Fn::Sub": "arn:${AWS::Partition}:s3:::bucket/drafts/*"}}]}]"""), RESOLVER);

        assertThat(role.evaluate("s3:PutObject", "arn:aws:s3:::bucket/drafts/x").allowed())
                .isTrue();
        assertThat(role.evaluate("s3:PutObject", "arn:aws:s3:::bucket/posts/x").allowed())
                .isFalse();
    }

    @Test
    void unknownTemplateOrManagedPolicyIsAnErrorNamingIt() throws Exception {
        assertThatThrownBy(
                        () -> SamPolicies.roleFor(json("[{\"KinesisCrudPolicy\": {\"StreamName\": \"s\"}}]"), RESOLVER))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("unknown SAM policy template KinesisCrudPolicy");
        assertThatThrownBy(() -> SamPolicies.roleFor(json("[\"AmazonS3FullAccess\"]"), RESOLVER))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("unknown managed policy AmazonS3FullAccess");
        assertThatThrownBy(() -> SamPolicies.roleFor(json("[{\"DynamoDBCrudPolicy\": {\"Table\": \"T\"}}]"), RESOLVER))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("needs the parameter TableName");
    }

    @Test
    void functionRoleAddsWhatSamAttaches() throws Exception {
        JsonNode function = json("""
                {"Policies": [{"DynamoDBWritePolicy": {"TableName": "T"}}],
                 "Events": {"Requests": {"Type": "SQS", "Properties": {"Queue": "q"}}}}""");
        JsonNode globals = json("{\"Tracing\": \"Active\"}");

        Policy role = SamPolicies.functionRoleFor(function, globals, RESOLVER);

        assertThat(role.evaluate("logs:PutLogEvents", "*").describe()).startsWith("AWSLambdaBasicExecutionRole");
        assertThat(role.evaluate("xray:PutTraceSegments", "*").allowed()).isTrue();
        assertThat(role.evaluate("sqs:ReceiveMessage", "arn:aws:sqs:us-east-1:000000000000:q")
                        .allowed())
                .isTrue();
        assertThat(role.evaluate("dynamodb:PutItem", "arn:aws:dynamodb:us-east-1:000000000000:table/T")
                        .allowed())
                .isTrue();
        assertThat(SamPolicies.functionRoleFor(json("{}"), null, RESOLVER)
                        .evaluate("xray:PutTraceSegments", "*")
                        .allowed())
                .isFalse();
        assertThatThrownBy(() ->
                        SamPolicies.functionRoleFor(json("{\"Role\": \"arn:aws:iam::1:role/x\"}"), null, RESOLVER))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("Role");
    }

    @Test
    void stateMachineRoleInvokesOnlyTheListedFunctions() throws Exception {
        JsonNode machine = json("""
                {"Tracing": {"Enabled": true},
                 "Policies": [{"LambdaInvokePolicy": {"FunctionName": {"Ref": "ModerateFunction"}}}, "CloudWatchLogsFullAccess"]}""");

        Policy role = SamPolicies.stateMachineRoleFor(machine, RESOLVER);

        assertThat(role.evaluate(
                                "lambda:InvokeFunction",
                                "arn:aws:lambda:us-east-1:000000000000:function:aiblog-ModerateFunction")
                        .allowed())
                .isTrue();
        assertThat(role.evaluate(
                                "lambda:InvokeFunction",
                                "arn:aws:lambda:us-east-1:000000000000:function:aiblog-ModerateFunction:live")
                        .allowed())
                .isTrue();
        assertThat(role.evaluate(
                                "lambda:InvokeFunction",
                                "arn:aws:lambda:us-east-1:000000000000:function:aiblog-PublishFunction")
                        .allowed())
                .isFalse();
        assertThat(role.evaluate("xray:PutTraceSegments", "*").allowed()).isTrue();
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
