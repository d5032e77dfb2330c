package dev.aiblog.local.emulators;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Run in a child JVM by {@link PersistenceTest}: starts persistent emulators, writes one item,
 * one object and one message, prints {@value #WRITTEN}, then waits to be killed. It also exits
 * when its standard input closes, so it never outlives the test JVM.
 */
public final class PersistenceProbe {

    static final String WRITTEN = "WRITTEN";

    private PersistenceProbe() {}

    public static void main(String[] args) throws IOException {
        Path dataDir = Path.of(args[0]);
        Path template = Path.of(args[1]);
        String id = args[2];
        Emulators emulators = Emulators.persistentAt(dataDir);
        LocalAwsClients aws = LocalAwsClients.of(emulators);
        ProvisionedResources resources = TemplateResources.load(template).provision(aws);
        aws.dynamoDb()
                .putItem(b -> b.tableName(resources.tableName("RequestsTable"))
                        .item(Map.of("requestId", AttributeValue.fromS(id), "status", AttributeValue.fromS("QUEUED"))));
        aws.s3()
                .putObject(
                        b -> b.bucket(resources.bucketName("ContentBucket")).key("drafts/" + id + ".md"),
                        RequestBody.fromString(id));
        aws.sqs()
                .sendMessage(
                        b -> b.queueUrl(resources.queueUrl("RequestsQueue")).messageBody(id));
        System.out.println(WRITTEN);
        System.out.flush();
        while (System.in.read() != -1) {
            // wait for the kill, or for the parent to go away
        }
        System.exit(1);
    }
}
