package dev.aiblog.core.aws;

import dev.aiblog.core.config.Settings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The one place that makes AWS clients: region from {@code AWS_REGION}, the URL-connection HTTP client (small,
 * quick to start in Lambda), and an endpoint override ({@code AWS_ENDPOINT_URL[_SERVICE]}) for emulators and
 * LocalStack. Build each client once per function instance, never per record.
 */
public final class AwsClients {
    private AwsClients() {}

    public static DynamoDbClient dynamoDb(Settings settings) {
        return configure(DynamoDbClient.builder(), settings, "DYNAMODB").build();
    }

    public static S3Client s3(Settings settings) {
        var builder = configure(S3Client.builder(), settings, "S3");
        if (settings.awsEndpoint("S3").isPresent()) {
            builder.forcePathStyle(true);
        }
        return builder.build();
    }

    public static S3Presigner s3Presigner(Settings settings) {
        var builder = S3Presigner.builder().region(Region.of(settings.awsRegion()));
        settings.awsEndpoint("S3").ifPresent(endpoint -> builder.endpointOverride(endpoint)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
        settings.staticCredentials().ifPresent(c ->
                builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(c.getKey(), c.getValue()))));
        return builder.build();
    }

    /**
     * Applies region, HTTP client, endpoint override and (locally) static credentials to any SDK v2 builder.
     *
     * @param service the SDK's service id for the per-service endpoint variable, e.g. {@code SQS} or {@code SFN}
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder, Settings settings, String service) {
        builder.region(Region.of(settings.awsRegion()))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        settings.awsEndpoint(service).ifPresent(builder::endpointOverride);
        settings.staticCredentials().ifPresent(c ->
                builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(c.getKey(), c.getValue()))));
        return builder;
    }
}
