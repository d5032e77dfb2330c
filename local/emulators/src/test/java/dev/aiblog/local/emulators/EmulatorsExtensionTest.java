package dev.aiblog.local.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

@ExtendWith(EmulatorsExtension.class)
class EmulatorsExtensionTest {

    private final EmulatedAws aws;

    EmulatorsExtensionTest(EmulatedAws aws) {
        this.aws = aws;
    }

    @Test
    void injectsTheSharedEmulatorsProvisionedFromTheRepositoryTemplate(
            DynamoDbClient dynamoDb, SqsClient sqs, S3Client s3, ProvisionedResources resources, Emulators emulators) {
        assertThat(EmulatedAws.shared()).isSameAs(aws);
        assertThat(emulators).isSameAs(aws.emulators());
        assertThat(dynamoDb.listTables().tableNames())
                .containsAll(resources.tables().values());
        assertThat(sqs.listQueues().queueUrls())
                .containsAll(resources.queueUrls().values());
        assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).contains("content-bucket");
        assertThat(aws.template().source()).endsWith("template.yaml");
    }

    @Test
    void resetEmptiesTablesQueuesAndBuckets() {
        ProvisionedResources before = aws.resources();
        aws.dynamoDb()
                .putItem(b -> b.tableName("RequestsTable").item(Map.of("requestId", AttributeValue.fromS("r-reset"))));
        aws.sqs().sendMessage(b -> b.queueUrl(before.queueUrl("RequestsQueue")).messageBody("reset me"));
        aws.s3().putObject(b -> b.bucket("content-bucket").key("images/reset.png"), RequestBody.fromString("png"));

        aws.reset();

        assertThat(aws.resources().environment()).isEqualTo(before.environment());
        assertThat(aws.dynamoDb().scan(b -> b.tableName("RequestsTable")).count())
                .isZero();
        assertThat(aws.dynamoDb()
                        .describeTable(b -> b.tableName("BlogsTable"))
                        .table()
                        .globalSecondaryIndexes())
                .hasSize(1);
        assertThat(aws.sqs()
                        .receiveMessage(b ->
                                b.queueUrl(before.queueUrl("RequestsQueue")).waitTimeSeconds(1))
                        .messages())
                .isEmpty();
        assertThat(aws.s3().listObjectsV2(b -> b.bucket("content-bucket")).contents())
                .isEmpty();
    }

    @Test
    void closingTheSharedInstanceLeavesItRunning() {
        aws.close();

        assertThat(aws.dynamoDb().listTables().tableNames()).isNotEmpty();
    }

    @Test
    void findsTheTemplateFromAnyFolderBelowTheRepositoryRoot(@TempDir Path dir) throws Exception {
        Path root = EmulatedAws.findTemplate().getParent();
        Path nested = Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("template.yaml"), "Resources: {}");

        assertThat(EmulatedAws.findTemplate(root.resolve("local/emulators"))).isEqualTo(root.resolve("template.yaml"));
        assertThat(EmulatedAws.findTemplate(nested)).isEqualTo(dir.resolve("template.yaml"));
        assertThatThrownBy(() -> EmulatedAws.findTemplate(Path.of("/")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("aiblog.template");
    }
}
