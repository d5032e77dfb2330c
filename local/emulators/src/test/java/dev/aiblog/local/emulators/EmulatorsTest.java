package dev.aiblog.local.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class EmulatorsTest {

    private static Emulators emulators;
    private static LocalAwsClients aws;
    private static ProvisionedResources resources;

    @BeforeAll
    static void start() {
        emulators = Emulators.inMemory();
        aws = LocalAwsClients.of(emulators);
        resources = TemplateResources.load(EmulatedAws.findTemplate()).provision(aws);
        System.out.printf(
                "emulators started in %d ms%n", emulators.startupTime().toMillis());
    }

    @AfterAll
    static void stop() {
        aws.close();
        emulators.close();
    }

    @Test
    void endpointsAreOnLoopback() {
        for (URI endpoint : List.of(emulators.dynamoDbEndpoint(), emulators.sqsEndpoint(), emulators.s3Endpoint())) {
            assertThat(endpoint.getScheme()).isEqualTo("http");
            assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
            assertThat(endpoint.getPort()).isPositive();
        }
        assertThat(emulators.dataDirectory()).isEmpty();
    }

    @Test
    void nothingListensOnOtherInterfaces() throws SocketException {
        List<InetAddress> external = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                .toList();
        assumeThat(external).as("a non-loopback address on this machine").isNotEmpty();

        for (URI endpoint : List.of(emulators.dynamoDbEndpoint(), emulators.sqsEndpoint(), emulators.s3Endpoint())) {
            assertThat(connects(external.getFirst(), endpoint.getPort()))
                    .as("%s on %s", endpoint, external.getFirst())
                    .isFalse();
            assertThat(connects(InetAddress.getLoopbackAddress(), endpoint.getPort()))
                    .as("%s on loopback", endpoint)
                    .isTrue();
        }
    }

    @Test
    void dynamoDbRoundTrip() {
        String table = resources.tableName("RequestsTable");
        Map<String, AttributeValue> item = Map.of(
                "requestId", AttributeValue.fromS("r-round-trip"),
                "status", AttributeValue.fromS("QUEUED"));

        aws.dynamoDb().putItem(b -> b.tableName(table).item(item));
        Map<String, AttributeValue> read = aws.dynamoDb()
                .getItem(b -> b.tableName(table)
                        .key(Map.of("requestId", AttributeValue.fromS("r-round-trip")))
                        .consistentRead(true))
                .item();

        assertThat(read).isEqualTo(item);
    }

    @Test
    void sqsRoundTrip() {
        String queueUrl = resources.queueUrl("RequestsQueue");

        String sent = aws.sqs()
                .sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"requestId\":\"r-sqs\"}"))
                .messageId();
        List<Message> received = aws.sqs()
                .receiveMessage(
                        b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages();
        received.forEach(m -> aws.sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));

        assertThat(received)
                .filteredOn(m -> m.messageId().equals(sent))
                .singleElement()
                .satisfies(message -> {
                    assertThat(message.body()).isEqualTo("{\"requestId\":\"r-sqs\"}");
                });
    }

    @Test
    void s3RoundTrip() {
        String bucket = resources.bucketName("ContentBucket");

        aws.s3()
                .putObject(
                        b -> b.bucket(bucket).key("drafts/r-s3.md").contentType("text/markdown"),
                        RequestBody.fromString("# Title"));
        var object = aws.s3().getObjectAsBytes(b -> b.bucket(bucket).key("drafts/r-s3.md"));

        assertThat(object.asUtf8String()).isEqualTo("# Title");
        assertThat(object.response().contentType()).isEqualTo("text/markdown");
    }

    /**
     * local-s3's request decoder retains every body it reads and nothing releases it (its request is not reference
     * counted), so with Netty's default allocator each upload stayed in direct memory for good: a long-running
     * {@code serve} lost every image's size. The emulator's connections read into unpooled heap buffers, which the
     * collector takes back once a request is done.
     */
    @Test
    void uploadsDoNotStayInDirectMemory() throws ReflectiveOperationException {
        String bucket = resources.bucketName("ContentBucket");
        byte[] image = new byte[1 << 20];
        java.util.Arrays.fill(image, (byte) 7);
        long before = nettyDirectMemory();
        for (int i = 0; i < 48; i++) {
            String key = "images/leak-probe-" + i + ".png";
            aws.s3().putObject(b -> b.bucket(bucket).key(key).contentType("image/png"), RequestBody.fromBytes(image));
        }
        long grown = nettyDirectMemory() - before;

        assertThat(aws.s3()
                        .getObjectAsBytes(b -> b.bucket(bucket).key("images/leak-probe-47.png"))
                        .asByteArray())
                .isEqualTo(image);
        assertThat(grown)
                .as("Netty direct memory kept after 48 uploads of 1 MB")
                .isLessThan(8L << 20);
    }

    /** The direct memory Netty has allocated and not freed (its own counter, every allocator's buffers). */
    private static long nettyDirectMemory() throws ReflectiveOperationException {
        return (long) Class.forName("io.netty.util.internal.PlatformDependent")
                .getMethod("usedDirectMemory")
                .invoke(null);
    }

    @Test
    void provisionsTheTemplatesTablesWithTheirIndexesAndTtl() {
        var blogs = aws.dynamoDb().describeTable(b -> b.tableName("BlogsTable")).table();
        var ttl = aws.dynamoDb()
                .describeTimeToLive(b -> b.tableName("IdempotencyTable"))
                .timeToLiveDescription();

        assertThat(aws.dynamoDb().listTables().tableNames())
                .contains("RequestsTable", "BlogsTable", "IdempotencyTable");
        assertThat(blogs.keySchema())
                .extracting(k -> k.attributeName() + ":" + k.keyType())
                .containsExactly("pk:HASH", "sk:RANGE");
        assertThat(blogs.globalSecondaryIndexes()).singleElement().satisfies(feed -> {
            assertThat(feed.indexName()).isEqualTo("Feed");
            assertThat(feed.keySchema())
                    .extracting(k -> k.attributeName() + ":" + k.keyType())
                    .containsExactly("feedPk:" + KeyType.HASH, "feedSk:" + KeyType.RANGE);
        });
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        assertThat(ttl.attributeName()).isEqualTo("expiresAt");
    }

    @Test
    void feedIndexAnswersQueries() {
        aws.dynamoDb()
                .putItem(b -> b.tableName("BlogsTable")
                        .item(Map.of(
                                "pk",
                                AttributeValue.fromS("BLOG#feed-1"),
                                "sk",
                                AttributeValue.fromS("META"),
                                "feedPk",
                                AttributeValue.fromS("FEED"),
                                "feedSk",
                                AttributeValue.fromS("2025-01-01T00:00:00Z#feed-1"))));

        var page = aws.dynamoDb()
                .query(b -> b.tableName("BlogsTable")
                        .indexName("Feed")
                        .keyConditionExpression("feedPk = :p")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("FEED"))));

        assertThat(page.items()).extracting(item -> item.get("pk").s()).contains("BLOG#feed-1");
    }

    @Test
    void provisionsTheBucketAndTheQueuesWithTheirAttributes() throws Exception {
        String queueUrl = resources.queueUrl("RequestsQueue");
        Map<QueueAttributeName, String> attributes = aws.sqs()
                .getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.ALL))
                .attributes();
        JsonNode redrive = new ObjectMapper().readTree(attributes.get(QueueAttributeName.REDRIVE_POLICY));

        assertThat(aws.s3().listBuckets().buckets()).extracting(b -> b.name()).contains("content-bucket");
        assertThat(queueUrl).startsWith(emulators.sqsEndpoint().toString()).endsWith("/RequestsQueue");
        assertThat(attributes).containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "60");
        assertThat(redrive.get("deadLetterTargetArn").asText()).isEqualTo(resources.arn("RequestsDeadLetterQueue"));
        assertThat(redrive.get("maxReceiveCount").asInt()).isEqualTo(5);
    }

    @Test
    void environmentGivesWhatEachRefResolvesTo() {
        Map<String, String> env = resources.environment();

        assertThat(env)
                .containsEntry("RequestsTable", "RequestsTable")
                .containsEntry("BlogsTable", "BlogsTable")
                .containsEntry("IdempotencyTable", "IdempotencyTable")
                .containsEntry("LedgerTable", "LedgerTable")
                .containsEntry("ContentBucket", "content-bucket")
                .containsEntry("RequestsQueue", resources.queueUrl("RequestsQueue"))
                .containsEntry("RequestsDeadLetterQueue", resources.queueUrl("RequestsDeadLetterQueue"))
                .containsEntry("OutcomeEventsDeadLetterQueue", resources.queueUrl("OutcomeEventsDeadLetterQueue"))
                .hasSize(8);
        assertThat(resources.ref("Stage")).contains("dev");
        assertThat(resources.ref("AWS::Region")).contains("us-east-1");
        assertThat(resources.ref("ModerateFunction")).isEmpty();
        assertThat(resources.arn("RequestsDeadLetterQueue"))
                .isEqualTo("arn:aws:sqs:us-east-1:000000000000:RequestsDeadLetterQueue");
        assertThat(resources.arn("BlogsTable")).endsWith(":table/BlogsTable");
    }

    @Test
    void provisioningAgainLeavesExistingResourcesAndTheirDataAlone() {
        aws.dynamoDb()
                .putItem(b -> b.tableName("RequestsTable").item(Map.of("requestId", AttributeValue.fromS("r-kept"))));
        aws.s3().putObject(b -> b.bucket("content-bucket").key("posts/kept.md"), RequestBody.fromString("kept"));

        ProvisionedResources again =
                TemplateResources.load(EmulatedAws.findTemplate()).provision(aws);

        assertThat(again.environment()).isEqualTo(resources.environment());
        assertThat(aws.dynamoDb()
                        .getItem(b ->
                                b.tableName("RequestsTable").key(Map.of("requestId", AttributeValue.fromS("r-kept"))))
                        .hasItem())
                .isTrue();
        assertThat(aws.s3()
                        .getObjectAsBytes(b -> b.bucket("content-bucket").key("posts/kept.md"))
                        .asUtf8String())
                .isEqualTo("kept");
    }

    @Test
    void aMessageReceivedMoreThanMaxReceiveCountTimesMovesToTheDeadLetterQueue() {
        String queueUrl = resources.queueUrl("RequestsQueue");
        String dlqUrl = resources.queueUrl("RequestsDeadLetterQueue");
        String sent = aws.sqs()
                .sendMessage(b -> b.queueUrl(queueUrl).messageBody("poison"))
                .messageId();

        int receives = 0;
        for (int attempt = 0; attempt < 10; attempt++) {
            List<Message> got = aws.sqs()
                    .receiveMessage(b -> b.queueUrl(queueUrl)
                            .visibilityTimeout(0)
                            .waitTimeSeconds(1)
                            .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .messages();
            if (got.isEmpty()) {
                break;
            }
            assertThat(got).singleElement().extracting(Message::messageId).isEqualTo(sent);
            receives++;
        }
        List<Message> dead = aws.sqs()
                .receiveMessage(b -> b.queueUrl(dlqUrl).waitTimeSeconds(1))
                .messages();

        assertThat(receives).isEqualTo(5);
        assertThat(dead).singleElement().satisfies(message -> {
            assertThat(message.messageId()).isEqualTo(sent);
            assertThat(message.body()).isEqualTo("poison");
        });
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
