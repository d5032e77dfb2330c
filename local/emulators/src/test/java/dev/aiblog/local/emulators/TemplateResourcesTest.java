package dev.aiblog.local.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.local.emulators.TemplateResources.BucketSpec;
import dev.aiblog.local.emulators.TemplateResources.QueueSpec;
import dev.aiblog.local.emulators.TemplateResources.Redrive;
import dev.aiblog.local.emulators.TemplateResources.TableSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class TemplateResourcesTest {

    private static final Path REPO_TEMPLATE = EmulatedAws.findTemplate();

    @Test
    void readsEveryTableQueueAndBucketOfTheRepositoryTemplate() {
        TemplateResources template = TemplateResources.load(REPO_TEMPLATE);

        assertThat(template.tables())
                .extracting(TableSpec::logicalId)
                .containsExactly("RequestsTable", "BlogsTable", "IdempotencyTable", "LedgerTable");
        assertThat(template.queues())
                .extracting(QueueSpec::logicalId)
                .containsExactly("RequestsDeadLetterQueue", "RequestsQueue", "OutcomeEventsDeadLetterQueue");
        assertThat(template.buckets()).containsExactly(new BucketSpec("ContentBucket", "content-bucket", false));
    }

    @Test
    void blogsTableKeepsItsCompositeKeyAndFeedIndex() {
        TableSpec blogs = table(TemplateResources.load(REPO_TEMPLATE), "BlogsTable");

        var request = blogs.createTableRequest();
        assertThat(request.tableName()).isEqualTo("BlogsTable");
        assertThat(request.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(request.keySchema()).containsExactly(key("pk", KeyType.HASH), key("sk", KeyType.RANGE));
        assertThat(request.globalSecondaryIndexes()).singleElement().satisfies(feed -> {
            assertThat(feed.indexName()).isEqualTo("Feed");
            assertThat(feed.keySchema()).containsExactly(key("feedPk", KeyType.HASH), key("feedSk", KeyType.RANGE));
            assertThat(feed.projection().projectionType()).isEqualTo(ProjectionType.ALL);
        });
        assertThat(blogs.timeToLiveAttribute()).isEmpty();
    }

    @Test
    void idempotencyTableHasTimeToLive() {
        assertThat(table(TemplateResources.load(REPO_TEMPLATE), "IdempotencyTable")
                        .timeToLiveAttribute())
                .contains("expiresAt");
    }

    @Test
    void requestsQueueRedrivesToItsDeadLetterQueueAfterTheParameterDefaultReceiveCount() {
        TemplateResources template = TemplateResources.load(REPO_TEMPLATE);

        QueueSpec queue = template.queues().get(1);

        assertThat(template.parameterDefaults()).containsEntry("QueueMaxReceiveCount", "5");
        assertThat(queue.redrive()).contains(new Redrive("RequestsDeadLetterQueue", 5));
        assertThat(queue.attributes())
                .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "60")
                .containsEntry(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "345600");
        assertThat(template.queues().getFirst().redrive()).isEmpty();
    }

    @Test
    void shortFormTagsParseIntoLongFormIntrinsics() {
        JsonNode root = CloudFormationYaml.read("""
                A: !Ref Stage
                B: !GetAtt Queue.Arn
                C: !Sub 'arn:${AWS::Partition}:s3:::${Bucket}/*'
                D: !If [IsProd, !Ref Big, !Ref AWS::NoValue]
                E: !Join [',', [a, !Select [0, !Split ['-', !Ref Stage]]]]
                F: !GetAtt [Table, StreamArn]
                G: !!str 5
                H:
                  Fn::GetAtt: [Plain, Arn]
                """, "snippet");

        assertThat(root.get("A").toString()).isEqualTo("{\"Ref\":\"Stage\"}");
        assertThat(root.get("B").toString()).isEqualTo("{\"Fn::GetAtt\":[\"Queue\",\"Arn\"]}");
        assertThat(root.get("C").toString()).isEqualTo("{\"Fn::Sub\":\"arn:${AWS::Partition}:s3:::${Bucket}/*\"}");
        assertThat(root.get("D").toString())
                .isEqualTo("{\"Fn::If\":[\"IsProd\",{\"Ref\":\"Big\"},{\"Ref\":\"AWS::NoValue\"}]}");
        assertThat(root.get("E").toString())
                .isEqualTo(
                        "{\"Fn::Join\":[\",\",[\"a\",{\"Fn::Select\":[0,{\"Fn::Split\":[\"-\",{\"Ref\":\"Stage\"}]}]}]]}");
        assertThat(root.get("F").toString()).isEqualTo("{\"Fn::GetAtt\":[\"Table\",\"StreamArn\"]}");
        assertThat(root.get("G").isTextual()).isTrue();
        assertThat(root.get("H").toString()).isEqualTo("{\"Fn::GetAtt\":[\"Plain\",\"Arn\"]}");
    }

    @Test
    void refusesATableWithAMalformedKeySchemaNamingTheResource() {
        String template = """
                Resources:
                  BrokenTable:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      BillingMode: PAY_PER_REQUEST
                      AttributeDefinitions:
                        - AttributeName: id
                          AttributeType: S
                      KeySchema:
                        - AttributeName: id
                          KeyType: PRIMARY
                """;

        assertThatThrownBy(() -> TemplateResources.parse(template, "broken.yaml"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("broken.yaml")
                .hasMessageContaining("Resources.BrokenTable.Properties.KeySchema[0].KeyType")
                .hasMessageContaining("PRIMARY");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing key schema         | BillingMode: PAY_PER_REQUEST~AttributeDefinitions: [{AttributeName: id, AttributeType: S}]                                                                 | Resources.T1Table.Properties.KeySchema must list
            key not defined            | BillingMode: PAY_PER_REQUEST~AttributeDefinitions: [{AttributeName: id, AttributeType: S}]~KeySchema: [{AttributeName: other, KeyType: HASH}]             | KeySchema[0].AttributeName other is not in AttributeDefinitions
            bad attribute type         | BillingMode: PAY_PER_REQUEST~AttributeDefinitions: [{AttributeName: id, AttributeType: STRING}]~KeySchema: [{AttributeName: id, KeyType: HASH}]           | AttributeDefinitions[0].AttributeType must be S, N or B
            unused attribute           | BillingMode: PAY_PER_REQUEST~AttributeDefinitions: [{AttributeName: id, AttributeType: S}, {AttributeName: x, AttributeType: S}]~KeySchema: [{AttributeName: id, KeyType: HASH}] | x is defined but is not a key
            provisioned, no throughput | AttributeDefinitions: [{AttributeName: id, AttributeType: S}]~KeySchema: [{AttributeName: id, KeyType: HASH}]                                               | ProvisionedThroughput is required when BillingMode is PROVISIONED
            unknown billing mode       | BillingMode: ON_DEMAND~AttributeDefinitions: [{AttributeName: id, AttributeType: S}]~KeySchema: [{AttributeName: id, KeyType: HASH}]                       | BillingMode must be PAY_PER_REQUEST or PROVISIONED
            unsupported property       | BillingMode: PAY_PER_REQUEST~AttributeDefinitions: [{AttributeName: id, AttributeType: S}]~KeySchema: [{AttributeName: id, KeyType: HASH}]~ImportSourceSpecification: {} | ImportSourceSpecification is not supported locally
            unresolvable intrinsic     | BillingMode: !If [Prod, PROVISIONED, PAY_PER_REQUEST]~AttributeDefinitions: [{AttributeName: id, AttributeType: S}]~KeySchema: [{AttributeName: id, KeyType: HASH}] | BillingMode Fn::If cannot be resolved locally
            ttl without attribute      | BillingMode: PAY_PER_REQUEST~AttributeDefinitions: [{AttributeName: id, AttributeType: S}]~KeySchema: [{AttributeName: id, KeyType: HASH}]~TimeToLiveSpecification: {Enabled: true} | TimeToLiveSpecification.AttributeName is required
            index without projection   | BillingMode: PAY_PER_REQUEST~AttributeDefinitions: [{AttributeName: id, AttributeType: S}]~KeySchema: [{AttributeName: id, KeyType: HASH}]~GlobalSecondaryIndexes: [{IndexName: ById, KeySchema: [{AttributeName: id, KeyType: HASH}]}] | GlobalSecondaryIndexes[0].Projection is required
            """)
    void refusesMalformedTables(String what, String properties, String expected) {
        String template = "Resources:\n  T1Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      "
                + properties.replace("~", "\n      ") + "\n";

        assertThatThrownBy(() -> TemplateResources.parse(template, "t.yaml"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Resources.T1Table")
                .hasMessageContaining(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            dlq not in template      | RedrivePolicy: {deadLetterTargetArn: !GetAtt Elsewhere.Arn, maxReceiveCount: 3}                  | Elsewhere is not an AWS::SQS::Queue in this template
            dlq as literal arn       | RedrivePolicy: {deadLetterTargetArn: 'arn:aws:sqs:us-east-1:1:x', maxReceiveCount: 3}            | deadLetterTargetArn must be !GetAtt <queue in this template>.Arn
            receive count too high   | RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 5000}                     | maxReceiveCount must be between 1 and 1000
            parameter has no default | RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: !Ref NoDefault}           | refers to parameter NoDefault, which has no Default
            visibility not a number  | VisibilityTimeout: soon                                                                           | VisibilityTimeout must be a whole number
            dedup on standard queue  | ContentBasedDeduplication: true                                                                   | applies to FIFO queues only
            """)
    void refusesMalformedQueues(String what, String property, String expected) {
        String template = """
                Parameters:
                  NoDefault: {Type: Number}
                Resources:
                  Dlq:
                    Type: AWS::SQS::Queue
                  Work:
                    Type: AWS::SQS::Queue
                    Properties:
                      %s
                """.formatted(property);

        assertThatThrownBy(() -> TemplateResources.parse(template, "q.yaml"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Resources.Work.Properties")
                .hasMessageContaining(expected);
    }

    @Test
    void refusesAConditionalResource() {
        String template = """
                Conditions:
                  IsProd: !Equals [!Ref AWS::AccountId, '1']
                Resources:
                  ProdBucket:
                    Type: AWS::S3::Bucket
                    Condition: IsProd
                """;

        assertThatThrownBy(() -> TemplateResources.parse(template, "c.yaml"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Resources.ProdBucket.Condition");
    }

    @Test
    void ordersDeadLetterQueuesFirstAndRefusesCycles() {
        String chain = """
                Resources:
                  A: {Type: AWS::SQS::Queue, Properties: {RedrivePolicy: {deadLetterTargetArn: !GetAtt B.Arn, maxReceiveCount: 1}}}
                  B: {Type: AWS::SQS::Queue, Properties: {RedrivePolicy: '{"deadLetterTargetArn": {"Fn::GetAtt": ["C", "Arn"]}, "maxReceiveCount": 2}'}}
                  C: {Type: AWS::SQS::Queue}
                """;
        assertThat(TemplateResources.parse(chain, "chain.yaml").queues())
                .extracting(QueueSpec::logicalId)
                .containsExactly("C", "B", "A");

        String cycle = chain.replace(
                "C: {Type: AWS::SQS::Queue}",
                "C: {Type: AWS::SQS::Queue, Properties: {RedrivePolicy: {deadLetterTargetArn: !GetAtt A.Arn, maxReceiveCount: 1}}}");
        assertThatThrownBy(() -> TemplateResources.parse(cycle, "cycle.yaml"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("cycle: A -> B -> C -> A");
    }

    @Test
    void fifoQueueGetsTheFifoSuffixAndVersionedBucketIsKept() {
        TemplateResources template = TemplateResources.parse("""
                Resources:
                  OrdersQueue:
                    Type: AWS::SQS::Queue
                    Properties: {FifoQueue: true, ContentBasedDeduplication: 'true'}
                  S3AuditLogBucket:
                    Type: AWS::S3::Bucket
                    Properties: {VersioningConfiguration: {Status: Enabled}}
                """, "fifo.yaml");

        assertThat(template.queues().getFirst().queueName()).isEqualTo("OrdersQueue.fifo");
        assertThat(template.queues().getFirst().attributes())
                .containsEntry(QueueAttributeName.FIFO_QUEUE, "true")
                .containsEntry(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true");
        assertThat(template.buckets()).containsExactly(new BucketSpec("S3AuditLogBucket", "s3-audit-log-bucket", true));
    }

    @ParameterizedTest
    @CsvSource({
        "ContentBucket,content-bucket",
        "MyHTTPBucket,my-http-bucket",
        "Images2Bucket,images2-bucket",
        "bucket,bucket"
    })
    void bucketNamesAreTheKebabCaseOfTheLogicalId(String logicalId, String bucketName) {
        assertThat(TemplateResources.kebabCase(logicalId)).isEqualTo(bucketName);
    }

    private static TableSpec table(TemplateResources template, String logicalId) {
        return template.tables().stream()
                .filter(t -> t.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
