package dev.aiblog.aws;

import dev.aiblog.core.config.Settings;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The one place that makes AWS clients: region from {@code AWS_REGION}, one URL-connection HTTP client shared by
 * every client of the process (small, quick to start in Lambda), credentials from the function's environment
 * through {@link #credentials(Settings)}, and an endpoint override ({@code AWS_ENDPOINT_URL[_SERVICE]}) for
 * emulators and LocalStack. Build each client once per function instance, never per record.
 */
public final class AwsClients {
    private AwsClients() {}

    /** The HTTP client every SDK client of this process shares; closing an SDK client leaves it open. */
    public static SdkHttpClient httpClient() {
        return SharedHttpClient.INSTANCE;
    }

    /**
     * What Lambda's credentials are to this function: the access key, secret and session token Lambda puts in the
     * function's environment ({@link FunctionEnvironmentCredentials}, the same variables and rules as the SDK's
     * environment provider), then the rest of the SDK's default chain (the container endpoint SnapStart functions
     * get, a developer's profile). A key without its session token is passed on as it is: AWS refuses it, and so
     * does the local stack.
     */
    public static AwsCredentialsProvider credentials(Settings settings) {
        return AwsCredentialsProviderChain.builder()
                .reuseLastProviderEnabled(true)
                .credentialsProviders(
                        new FunctionEnvironmentCredentials(settings),
                        DefaultCredentialsProvider.builder().build())
                .build();
    }

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

    /** Needs the SQS SDK on the classpath (an optional dependency: only the functions that send declare it). */
    public static software.amazon.awssdk.services.sqs.SqsClient sqs(Settings settings) {
        return configure(software.amazon.awssdk.services.sqs.SqsClient.builder(), settings, "SQS")
                .build();
    }

    public static S3Presigner s3Presigner(Settings settings) {
        var builder = S3Presigner.builder()
                .region(Region.of(settings.awsRegion()))
                .credentialsProvider(credentials(settings));
        settings.awsEndpoint("S3")
                .ifPresent(endpoint -> builder.endpointOverride(endpoint)
                        .serviceConfiguration(S3Configuration.builder()
                                .pathStyleAccessEnabled(true)
                                .build()));
        return builder.build();
    }

    /**
     * Applies region, the shared HTTP client, the function's credentials and the endpoint override to any SDK v2
     * builder.
     *
     * @param service the SDK's service id for the per-service endpoint variable, e.g. {@code SQS} or {@code SFN}
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
            B builder, Settings settings, String service) {
        builder.region(Region.of(settings.awsRegion()))
                .httpClient(httpClient())
                .credentialsProvider(credentials(settings));
        settings.awsEndpoint(service).ifPresent(builder::endpointOverride);
        return builder;
    }

    private static final class SharedHttpClient {
        static final SdkHttpClient INSTANCE = UrlConnectionHttpClient.builder().build();
    }
}
