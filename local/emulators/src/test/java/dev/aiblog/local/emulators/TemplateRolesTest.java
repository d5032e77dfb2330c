package dev.aiblog.local.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiblog.local.iam.Policy;
import dev.aiblog.local.iam.Principal;
import dev.aiblog.local.sam.SamTemplate;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the roles of template.yaml allow, for the parts that are easy to get wrong. */
class TemplateRolesTest {
    private static final String SECRETS = "arn:aws:secretsmanager:us-east-1:000000000000:secret:";

    private static Policy role(String logicalId, Map<String, String> parameters) {
        SamTemplate sam = SamTemplate.load(EmulatedAws.findTemplate());
        var values = sam.values(
                Map.of("CursorSigningSecret", SECRETS + "CursorSigningSecret-AbCdEf"),
                Map.of(
                        "RequestsTable.Arn",
                        "arn:aws:dynamodb:us-east-1:000000000000:table/RequestsTable",
                        "BlogsTable.Arn",
                        "arn:aws:dynamodb:us-east-1:000000000000:table/BlogsTable",
                        "IdempotencyTable.Arn",
                        "arn:aws:dynamodb:us-east-1:000000000000:table/IdempotencyTable",
                        "LedgerTable.Arn",
                        "arn:aws:dynamodb:us-east-1:000000000000:table/LedgerTable",
                        "ContentBucket.Arn",
                        "arn:aws:s3:::content-bucket",
                        "RequestsQueue.QueueName",
                        "RequestsQueue"),
                parameters);
        return StackIam.roles(sam, values).get(Principal.of(logicalId));
    }

    @ParameterizedTest(name = "OpenAiSecretId={0}: {1} {2}")
    @CsvSource({
        // a name: the secret AWS created under it, with its six-character suffix, and nothing else
        "aiblog/openai-api-key, aiblog/openai-api-key-AbCdEf, true",
        "aiblog/openai-api-key, aiblog/openai-api-key-old-AbCdEf, false",
        "aiblog/openai-api-key, aiblog/other-AbCdEf, false",
        // a full ARN: exactly that secret
        "arn:aws:secretsmanager:us-east-1:000000000000:secret:team/openai-XyZ123, team/openai-XyZ123, true",
        "arn:aws:secretsmanager:us-east-1:000000000000:secret:team/openai-XyZ123, team/openai-QqQqQq, false",
        // a partial ARN (no suffix): the secret with its suffix
        "arn:aws:secretsmanager:us-east-1:000000000000:secret:team/openai, team/openai-XyZ123, true",
    })
    void theModelFunctionsReadTheOpenAiKeyGivenByNameOrArn(String secretId, String actualSecret, boolean allowed) {
        for (String function : new String[] {"ModerateFunction", "GenerateTextFunction", "GenerateImageFunction"}) {
            assertThat(role(function, Map.of("OpenAiSecretId", secretId))
                            .evaluate("secretsmanager:GetSecretValue", SECRETS + actualSecret)
                            .allowed())
                    .as(function)
                    .isEqualTo(allowed);
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}: {3}")
    @CsvSource({
        "DispatchFunction, dynamodb:GetItem, arn:aws:dynamodb:us-east-1:000000000000:table/RequestsTable, true",
        "DispatchFunction, dynamodb:UpdateItem, arn:aws:dynamodb:us-east-1:000000000000:table/RequestsTable, true",
        "DispatchFunction, dynamodb:DeleteItem, arn:aws:dynamodb:us-east-1:000000000000:table/RequestsTable, false",
        "DispatchFunction, states:StartExecution, arn:aws:states:us-east-1:000000000000:stateMachine:BlogPipelineStateMachine, true",
        "ApiFunction, secretsmanager:GetSecretValue, arn:aws:secretsmanager:us-east-1:000000000000:secret:CursorSigningSecret-AbCdEf, true",
        "ApiFunction, s3:PutObject, arn:aws:s3:::content-bucket/images/x.png, false",
        // review: the API reads a draft, writes the edited one beside it, and continues the waiting execution
        "ApiFunction, s3:GetObject, arn:aws:s3:::content-bucket/drafts/x/draft.json, true",
        "ApiFunction, s3:PutObject, arn:aws:s3:::content-bucket/drafts/x/reviewed-0f6b.json, true",
        "ApiFunction, s3:PutObject, arn:aws:s3:::content-bucket/drafts/x/draft.json, false",
        "ApiFunction, dynamodb:Query, arn:aws:dynamodb:us-east-1:000000000000:table/RequestsTable/index/ReviewQueue, true",
        "ApiFunction, states:SendTaskSuccess, arn:aws:states:us-east-1:000000000000:stateMachine:BlogPipelineStateMachine, true",
        "ApiFunction, states:SendTaskFailure, arn:aws:states:us-east-1:000000000000:stateMachine:BlogPipelineStateMachine, false",
        "ApiFunction, states:StartExecution, arn:aws:states:us-east-1:000000000000:stateMachine:BlogPipelineStateMachine, false",
        "ReviewFunction, dynamodb:UpdateItem, arn:aws:dynamodb:us-east-1:000000000000:table/RequestsTable, true",
        "ReviewFunction, dynamodb:GetItem, arn:aws:dynamodb:us-east-1:000000000000:table/RequestsTable, true",
        "ReviewFunction, s3:GetObject, arn:aws:s3:::content-bucket/drafts/x/draft.json, true",
        "ReviewFunction, s3:PutObject, arn:aws:s3:::content-bucket/drafts/x/draft.json, false",
        "ReviewFunction, dynamodb:PutItem, arn:aws:dynamodb:us-east-1:000000000000:table/BlogsTable, false",
        "ReviewFunction, states:SendTaskSuccess, arn:aws:states:us-east-1:000000000000:stateMachine:BlogPipelineStateMachine, false",
        "BlogPipelineStateMachine, lambda:InvokeFunction, arn:aws:lambda:us-east-1:000000000000:function:ReviewFunction:live, true",
        "ApiFunction, dynamodb:Scan, arn:aws:dynamodb:us-east-1:000000000000:table/BlogsTable, false",
        "GenerateTextFunction, s3:PutObject, arn:aws:s3:::content-bucket/drafts/x/draft.json, true",
        "GenerateTextFunction, s3:PutObject, arn:aws:s3:::content-bucket/posts/x/body.md, false",
        "RecordOutcomeFunction, s3:GetObject, arn:aws:s3:::content-bucket/drafts/x/draft.json, false",
        // the budget: the checkers read the month's spend, Publish alone writes it
        "ApiFunction, dynamodb:GetItem, arn:aws:dynamodb:us-east-1:000000000000:table/LedgerTable, true",
        "ApiFunction, dynamodb:UpdateItem, arn:aws:dynamodb:us-east-1:000000000000:table/LedgerTable, false",
        "DispatchFunction, dynamodb:GetItem, arn:aws:dynamodb:us-east-1:000000000000:table/LedgerTable, true",
        "DispatchFunction, dynamodb:PutItem, arn:aws:dynamodb:us-east-1:000000000000:table/LedgerTable, false",
        "ScheduleFunction, dynamodb:GetItem, arn:aws:dynamodb:us-east-1:000000000000:table/LedgerTable, true",
        "PublishFunction, dynamodb:PutItem, arn:aws:dynamodb:us-east-1:000000000000:table/LedgerTable, true",
        "PublishFunction, dynamodb:UpdateItem, arn:aws:dynamodb:us-east-1:000000000000:table/LedgerTable, true",
        "PublishFunction, dynamodb:GetItem, arn:aws:dynamodb:us-east-1:000000000000:table/LedgerTable, true",
        "PublishFunction, dynamodb:DeleteItem, arn:aws:dynamodb:us-east-1:000000000000:table/LedgerTable, false",
        "GenerateTextFunction, dynamodb:GetItem, arn:aws:dynamodb:us-east-1:000000000000:table/LedgerTable, false",
        "SweepFunction, dynamodb:Scan, arn:aws:dynamodb:us-east-1:000000000000:table/RequestsTable, true",
        "SweepFunction, dynamodb:UpdateItem, arn:aws:dynamodb:us-east-1:000000000000:table/RequestsTable, true",
        "SweepFunction, dynamodb:DeleteItem, arn:aws:dynamodb:us-east-1:000000000000:table/RequestsTable, false",
        "SweepFunction, dynamodb:Scan, arn:aws:dynamodb:us-east-1:000000000000:table/BlogsTable, false",
        "BlogPipelineStateMachine, lambda:InvokeFunction, arn:aws:lambda:us-east-1:000000000000:function:PublishFunction, true",
        "BlogPipelineStateMachine, logs:PutLogEvents, arn:aws:logs:us-east-1:000000000000:log-group:x, false",
    })
    void rolesGrantWhatEachFunctionCallsAndNotMore(String function, String action, String resource, boolean allowed) {
        assertThat(role(function, Map.of()).evaluate(action, resource).allowed())
                .isEqualTo(allowed);
    }
}
