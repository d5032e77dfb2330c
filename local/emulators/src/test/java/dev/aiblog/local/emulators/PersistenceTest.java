package dev.aiblog.local.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class PersistenceTest {

    private static final Path TEMPLATE = EmulatedAws.findTemplate();

    @TempDir
    Path dataDir;

    @Test
    void anItemAnObjectAndAQueuedMessageSurviveARestart() {
        try (Emulators first = Emulators.persistentAt(dataDir);
                LocalAwsClients aws = LocalAwsClients.of(first)) {
            ProvisionedResources resources = TemplateResources.load(TEMPLATE).provision(aws);
            aws.dynamoDb()
                    .putItem(b -> b.tableName(resources.tableName("BlogsTable"))
                            .item(Map.of(
                                    "pk",
                                    AttributeValue.fromS("BLOG#b1"),
                                    "sk",
                                    AttributeValue.fromS("META"),
                                    "title",
                                    AttributeValue.fromS("Kept"))));
            aws.s3()
                    .putObject(
                            b -> b.bucket(resources.bucketName("ContentBucket")).key("posts/b1.md"),
                            RequestBody.fromString("# Kept"));
            aws.sqs()
                    .sendMessage(
                            b -> b.queueUrl(resources.queueUrl("RequestsQueue")).messageBody("{\"requestId\":\"r1\"}"));
        }

        try (Emulators second = Emulators.persistentAt(dataDir);
                LocalAwsClients aws = LocalAwsClients.of(second)) {
            ProvisionedResources resources = TemplateResources.load(TEMPLATE).provision(aws);

            var item = aws.dynamoDb()
                    .getItem(b -> b.tableName("BlogsTable")
                            .key(Map.of("pk", AttributeValue.fromS("BLOG#b1"), "sk", AttributeValue.fromS("META"))))
                    .item();
            String object = aws.s3()
                    .getObjectAsBytes(b -> b.bucket("content-bucket").key("posts/b1.md"))
                    .asUtf8String();
            List<Message> messages = receiveAll(aws, resources.queueUrl("RequestsQueue"));
            var queueAttributes = aws.sqs()
                    .getQueueAttributes(b -> b.queueUrl(resources.queueUrl("RequestsQueue"))
                            .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT, QueueAttributeName.REDRIVE_POLICY))
                    .attributes();

            assertThat(item).containsEntry("title", AttributeValue.fromS("Kept"));
            assertThat(object).isEqualTo("# Kept");
            assertThat(messages).extracting(Message::body).containsExactly("{\"requestId\":\"r1\"}");
            assertThat(queueAttributes).containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "60");
            assertThat(queueAttributes.get(QueueAttributeName.REDRIVE_POLICY)).contains("RequestsDeadLetterQueue");
        }
    }

    @Test
    void writesSurviveAKilledProcess() throws Exception {
        String id = "r-killed";
        Process probe = new ProcessBuilder(
                        javaCommand(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "--enable-native-access=ALL-UNNAMED",
                        "--sun-misc-unsafe-memory-access=allow",
                        PersistenceProbe.class.getName(),
                        dataDir.toString(),
                        TEMPLATE.toString(),
                        id)
                .redirectErrorStream(true)
                .start();
        // a probe that never gets to WRITTEN is killed, which ends the read below
        CompletableFuture.delayedExecutor(2, TimeUnit.MINUTES).execute(probe::destroyForcibly);
        List<String> output = new ArrayList<>();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null && !line.equals(PersistenceProbe.WRITTEN)) {
                output.add(line);
            }
            assertThat(line).as("probe output: %s", output).isEqualTo(PersistenceProbe.WRITTEN);
            probe.destroyForcibly();
            assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            probe.destroyForcibly();
        }

        try (Emulators restarted = Emulators.persistentAt(dataDir);
                LocalAwsClients aws = LocalAwsClients.of(restarted)) {
            ProvisionedResources resources = TemplateResources.load(TEMPLATE).provision(aws);

            assertThat(aws.dynamoDb()
                            .getItem(b ->
                                    b.tableName("RequestsTable").key(Map.of("requestId", AttributeValue.fromS(id))))
                            .item())
                    .containsEntry("status", AttributeValue.fromS("QUEUED"));
            assertThat(aws.s3()
                            .getObjectAsBytes(b -> b.bucket("content-bucket").key("drafts/" + id + ".md"))
                            .asUtf8String())
                    .isEqualTo(id);
            assertThat(receiveAll(aws, resources.queueUrl("RequestsQueue")))
                    .extracting(Message::body)
                    .containsExactly(id);
        }
    }

    @Test
    void aDataFolderInUseIsRefused() {
        try (Emulators running = Emulators.persistentAt(dataDir)) {
            assertThatThrownBy(() -> Emulators.persistentAt(dataDir))
                    .isInstanceOf(EmulatorStartException.class)
                    .hasMessageContaining(dataDir.toString())
                    .hasMessageContaining("in use");
        }
    }

    @Test
    void inMemoryKeepsNothing() {
        try (Emulators first = Emulators.inMemory();
                LocalAwsClients aws = LocalAwsClients.of(first)) {
            TemplateResources.load(TEMPLATE).provision(aws);
        }
        try (Emulators second = Emulators.inMemory();
                LocalAwsClients aws = LocalAwsClients.of(second)) {
            assertThat(aws.dynamoDb().listTables().tableNames()).isEmpty();
            assertThat(aws.sqs().listQueues().queueUrls()).isEmpty();
            assertThat(aws.s3().listBuckets().buckets()).isEmpty();
        }
    }

    private static List<Message> receiveAll(LocalAwsClients aws, String queueUrl) {
        List<Message> all = new ArrayList<>();
        List<Message> batch;
        do {
            batch = aws.sqs()
                    .receiveMessage(
                            b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            all.addAll(batch);
        } while (!batch.isEmpty());
        return all;
    }

    private static String javaCommand() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
