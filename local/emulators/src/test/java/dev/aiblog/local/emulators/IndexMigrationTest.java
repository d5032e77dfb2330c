package dev.aiblog.local.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A data folder from before indexes were added to the template gets them, one at a time as DynamoDB requires, and
 * keeps its items.
 */
class IndexMigrationTest {

    @Test
    void aTableWithoutTheTemplatesNewIndexGetsItWithItsItems() {
        try (Emulators emulators = Emulators.inMemory();
                LocalAwsClients aws = LocalAwsClients.of(emulators)) {
            var dynamo = aws.dynamoDb();
            // The Requests table as template.yaml declared it before GET /requests: no ByOwner index.
            dynamo.createTable(b -> b.tableName("RequestsTable")
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(d -> d.attributeName("requestId").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("requestId").keyType(KeyType.HASH)));
            dynamo.putItem(b -> b.tableName("RequestsTable")
                    .item(Map.of(
                            "requestId",
                            AttributeValue.fromS("r1"),
                            "owner",
                            AttributeValue.fromS("ann"),
                            "createdAt",
                            AttributeValue.fromS("2026-11-01T08:00:00Z"))));

            ProvisionedResources resources =
                    TemplateResources.load(EmulatedAws.findTemplate()).provision(aws);

            var table = dynamo.describeTable(b -> b.tableName(resources.tableName("RequestsTable")))
                    .table();
            assertThat(table.globalSecondaryIndexes())
                    .extracting(GlobalSecondaryIndexDescription::indexName)
                    .containsExactlyInAnyOrder("ByOwner", "ReviewQueue");
            var found = dynamo.query(b -> b.tableName("RequestsTable")
                            .indexName("ByOwner")
                            .keyConditionExpression("#o = :o")
                            .expressionAttributeNames(Map.of("#o", "owner"))
                            .expressionAttributeValues(Map.of(":o", AttributeValue.fromS("ann"))))
                    .items();
            assertThat(found).extracting(item -> item.get("requestId").s()).containsExactly("r1");

            // Provisioning again changes nothing.
            TemplateResources.load(EmulatedAws.findTemplate()).provision(aws);
            assertThat(dynamo.describeTable(b -> b.tableName("RequestsTable"))
                            .table()
                            .globalSecondaryIndexes())
                    .hasSize(2);
        }
    }
}
