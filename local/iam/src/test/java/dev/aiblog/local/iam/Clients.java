package dev.aiblog.local.iam;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Real SDK v2 clients for tests, pointed at the gateway with issued (or deliberately broken) credentials. */
final class Clients implements AutoCloseable {

    /** What the SDK put on the wire, captured after signing. */
    record Sent(SdkHttpRequest request, byte[] body) {}

    static final Region REGION = Region.US_EAST_1;

    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final URI endpoint;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    Clients(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** The credentials as Lambda's environment gives them: key, secret and session token. */
    static StaticCredentialsProvider session(LambdaCredentials credentials) {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(
                credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()));
    }

    /** The bug this gateway exists for: the same key and secret, without the session token. */
    static StaticCredentialsProvider withoutToken(LambdaCredentials credentials) {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey()));
    }

    /** The issued secret with its first character changed (never to itself: the secret is random and may start with 'x'). */
    static StaticCredentialsProvider wrongSecret(LambdaCredentials credentials) {
        String secret = credentials.secretAccessKey();
        char other = secret.charAt(0) == 'x' ? 'y' : 'x';
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(
                credentials.accessKeyId(), other + secret.substring(1), credentials.sessionToken()));
    }

    static StaticCredentialsProvider of(AwsCredentials credentials) {
        return StaticCredentialsProvider.create(credentials);
    }

    List<Sent> sent() {
        return List.copyOf(sent);
    }

    private ClientOverrideConfiguration config() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.STANDARD)
                .addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        byte[] body = context.requestBody()
                                .map(requestBody -> {
                                    try (var in =
                                            requestBody.contentStreamProvider().newStream()) {
                                        return in.readAllBytes();
                                    } catch (java.io.IOException e) {
                                        throw new java.io.UncheckedIOException(e);
                                    }
                                })
                                .orElse(new byte[0]);
                        sent.add(new Sent(context.httpRequest(), body));
                    }
                })
                .build();
    }

    DynamoDbClient dynamoDb(StaticCredentialsProvider credentials) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(config())
                .build();
    }

    SqsClient sqs(StaticCredentialsProvider credentials) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(config())
                .build();
    }

    S3Client s3(StaticCredentialsProvider credentials) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(credentials)
                .forcePathStyle(true)
                .httpClient(http)
                .build();
    }

    S3Presigner presigner(StaticCredentialsProvider credentials) {
        return S3Presigner.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(credentials)
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                        .pathStyleAccessEnabled(true)
                        .build())
                .build();
    }

    SfnClient sfn(StaticCredentialsProvider credentials) {
        return SfnClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(config())
                .build();
    }

    SecretsManagerClient secretsManager(StaticCredentialsProvider credentials) {
        return SecretsManagerClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(config())
                .build();
    }

    @Override
    public void close() {
        http.close();
    }
}
