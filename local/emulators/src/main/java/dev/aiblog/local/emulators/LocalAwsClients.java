package dev.aiblog.local.emulators;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SDK v2 clients pointed at the emulators: region us-east-1, dummy static credentials (nothing
 * from the environment or {@code ~/.aws}), the URLConnection HTTP client shared by all three,
 * path-style S3 addressing. Close to release the HTTP client.
 */
public final class LocalAwsClients implements AutoCloseable {

    /** The region every local ARN and client uses. */
    public static final Region REGION = Region.US_EAST_1;

    /** Credentials the emulators accept (they check none). */
    public static final AwsCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private final SdkHttpClient httpClient;
    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;
    private final S3Client s3;

    private LocalAwsClients(URI dynamoDbEndpoint, URI sqsEndpoint, URI s3Endpoint) {
        this.httpClient = UrlConnectionHttpClient.create();
        this.dynamoDb = DynamoDbClient.builder()
                .endpointOverride(dynamoDbEndpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClient(httpClient)
                .build();
        this.sqs = SqsClient.builder()
                .endpointOverride(sqsEndpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClient(httpClient)
                .build();
        this.s3 = S3Client.builder()
                .endpointOverride(s3Endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClient(httpClient)
                .forcePathStyle(true)
                .build();
    }

    /** Clients for the given emulators. */
    public static LocalAwsClients of(Emulators emulators) {
        return new LocalAwsClients(emulators.dynamoDbEndpoint(), emulators.sqsEndpoint(), emulators.s3Endpoint());
    }

    /** Clients for emulators (or LocalStack) at the given endpoints. */
    public static LocalAwsClients of(URI dynamoDbEndpoint, URI sqsEndpoint, URI s3Endpoint) {
        return new LocalAwsClients(dynamoDbEndpoint, sqsEndpoint, s3Endpoint);
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public S3Client s3() {
        return s3;
    }

    @Override
    public void close() {
        dynamoDb.close();
        sqs.close();
        s3.close();
        httpClient.close();
    }
}
