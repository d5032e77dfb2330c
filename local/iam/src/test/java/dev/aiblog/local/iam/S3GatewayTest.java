package dev.aiblog.local.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

class S3GatewayTest {

    private static final byte[] IMAGE = "not really a png, but 43 bytes of content!".getBytes(StandardCharsets.UTF_8);

    private static final MutableClock CLOCK = new MutableClock();
    private static RecordingBackend s3;
    private static IamGateway gateway;
    private static Clients clients;
    private static LambdaCredentials image;
    private static LambdaCredentials api;
    private static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        s3 = new RecordingBackend(request -> switch (request.method()) {
            case "PUT" -> new ServiceResponse(200, Map.of("ETag", "\"0123456789abcdef0123456789abcdef\""), new byte[0]);
            case "GET", "HEAD" ->
                new ServiceResponse(
                        200,
                        Map.of(
                                "Content-Type",
                                "image/png",
                                "ETag",
                                "\"0123456789abcdef0123456789abcdef\"",
                                "Last-Modified",
                                "Wed, 01 Jan 2025 00:00:00 GMT"),
                        IMAGE);
            case "DELETE" -> new ServiceResponse(204, Map.of(), new byte[0]);
            case "POST" ->
                new ServiceResponse(
                        200,
                        Map.of("Content-Type", "application/xml"),
                        "<DeleteResult><Deleted><Key>drafts/a.json</Key></Deleted><Deleted><Key>drafts/b.json</Key></Deleted></DeleteResult>"
                                .getBytes(StandardCharsets.UTF_8));
            default -> new ServiceResponse(405, Map.of(), new byte[0]);
        });
        gateway = IamGateway.builder()
                .backend(AwsService.S3, s3.endpoint())
                .clock(CLOCK)
                .start();
        clients = new Clients(gateway.endpoint());
        image = gateway.issue(
                Principal.of("GenerateImageFunction"),
                SamPolicyTemplates.expand("S3CrudPolicy", Map.of("BucketName", "content")));
        api = gateway.issue(
                Principal.of("ApiFunction"),
                SamPolicyTemplates.expand("S3ReadPolicy", Map.of("BucketName", "content")));
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        http.close();
        clients.close();
        gateway.close();
        s3.close();
    }

    @BeforeEach
    void clear() {
        s3.clear();
    }

    @AfterEach
    void resetClock() {
        CLOCK.reset();
    }

    @Test
    void putObject_withTheSdksStreamingSignature_isVerifiedAndForwarded() {
        try (S3Client client = clients.s3(Clients.session(image))) {
            client.putObject(
                    b -> b.bucket("content").key("images/r-1/cover.png").contentType("image/png"),
                    RequestBody.fromBytes(IMAGE));

            RecordingBackend.Received received = s3.last();
            assertThat(received.method()).isEqualTo("PUT");
            assertThat(received.rawPath()).isEqualTo("/content/images/r-1/cover.png");
            assertThat(received.header("Authorization"))
                    .startsWith("AWS4-HMAC-SHA256 Credential=" + image.accessKeyId() + "/");
            assertThat(new String(received.body(), StandardCharsets.ISO_8859_1))
                    .contains(new String(IMAGE, StandardCharsets.ISO_8859_1));
            assertThat(gateway.accessLog().getLast()).satisfies(entry -> {
                assertThat(entry.allowed()).isTrue();
                assertThat(entry.action()).isEqualTo("s3:PutObject");
                assertThat(entry.resource()).isEqualTo("arn:aws:s3:::content/images/r-1/cover.png");
            });
            // SDK 2.57 over http: aws-chunked body with chunk signatures and a trailing checksum; the seed signature is
            // verified
            assertThat(received.header("x-amz-content-sha256")).startsWith("STREAMING-");
            assertThat(received.header("Content-Encoding")).contains("aws-chunked");
        }
    }

    @Test
    void getAndHeadObject_areAllowedByTheReadPolicy() {
        try (S3Client client = clients.s3(Clients.session(api))) {
            ResponseBytes<GetObjectResponse> object =
                    client.getObjectAsBytes(b -> b.bucket("content").key("images/a b+c.png"));
            HeadObjectResponse head = client.headObject(b -> b.bucket("content").key("images/a b+c.png"));

            assertThat(object.asByteArray()).isEqualTo(IMAGE);
            assertThat(head.contentLength()).isEqualTo(IMAGE.length);
            assertThat(gateway.accessLog().getLast().resource()).isEqualTo("arn:aws:s3:::content/images/a b+c.png");
        }
    }

    @Test
    void deleteObject_isDeniedToTheReadPolicy_withS3sAccessDenied() {
        try (S3Client client = clients.s3(Clients.session(api))) {
            S3Exception denied = catchThrowableOfType(
                    S3Exception.class,
                    () -> client.deleteObject(b -> b.bucket("content").key("posts/p.md")));

            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(denied.awsErrorDetails().errorMessage())
                    .isEqualTo("User: arn:aws:sts::000000000000:assumed-role/ApiFunctionRole/ApiFunction"
                            + " is not authorized to perform: s3:DeleteObject on resource: \"arn:aws:s3:::content/posts/p.md\""
                            + " because no identity-based policy allows the s3:DeleteObject action");
            assertThat(s3.received()).isEmpty();
        }
    }

    @Test
    void anotherBucket_isDenied() {
        try (S3Client client = clients.s3(Clients.session(image))) {
            S3Exception denied = catchThrowableOfType(
                    S3Exception.class,
                    () -> client.putObject(b -> b.bucket("other").key("x"), RequestBody.fromString("x")));

            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(s3.received()).isEmpty();
        }
    }

    @Test
    void withoutSessionToken_isInvalidAccessKeyId_andWrongSecretIsSignatureDoesNotMatch() {
        try (S3Client noToken = clients.s3(Clients.withoutToken(api));
                S3Client wrongSecret = clients.s3(Clients.wrongSecret(api))) {
            S3Exception tokenless = catchThrowableOfType(
                    S3Exception.class,
                    () -> noToken.getObjectAsBytes(b -> b.bucket("content").key("k")));
            S3Exception badSignature = catchThrowableOfType(
                    S3Exception.class,
                    () -> wrongSecret.getObjectAsBytes(b -> b.bucket("content").key("k")));

            assertThat(tokenless.statusCode()).isEqualTo(403);
            assertThat(tokenless.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId");
            assertThat(badSignature.statusCode()).isEqualTo(403);
            assertThat(badSignature.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
            assertThat(s3.received()).isEmpty();
        }
    }

    @Test
    void anotherSessionToken_isInvalidToken_andAnUnknownKeyIsInvalidAccessKeyId() {
        var otherToken = Clients.of(software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(
                api.accessKeyId(), api.secretAccessKey(), image.sessionToken()));
        var unknownKey = Clients.of(software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(
                "ASIAUNKNOWNUNKNOWN00", api.secretAccessKey(), api.sessionToken()));
        try (S3Client wrongToken = clients.s3(otherToken);
                S3Client stranger = clients.s3(unknownKey)) {
            S3Exception invalidToken = catchThrowableOfType(
                    S3Exception.class,
                    () -> wrongToken.getObjectAsBytes(b -> b.bucket("content").key("k")));
            S3Exception invalidKey = catchThrowableOfType(
                    S3Exception.class,
                    () -> stranger.getObjectAsBytes(b -> b.bucket("content").key("k")));

            assertThat(invalidToken.statusCode()).isEqualTo(400);
            assertThat(invalidToken.awsErrorDetails().errorCode()).isEqualTo("InvalidToken");
            assertThat(invalidKey.statusCode()).isEqualTo(403);
            assertThat(invalidKey.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId");
            assertThat(invalidKey.awsErrorDetails().errorMessage())
                    .isEqualTo("The AWS Access Key Id you provided does not exist in our records.");
            assertThat(s3.received()).isEmpty();
        }
    }

    @Test
    void presignedGet_isValid_thenExpired_andTamperedIsRefused() throws Exception {
        try (S3Presigner presigner = clients.presigner(Clients.session(api))) {
            PresignedGetObjectRequest presigned =
                    presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                            .getObjectRequest(g -> g.bucket("content").key("images/r-1/cover.png")));
            URI url = presigned.url().toURI();
            assertThat(url.getRawQuery()).contains("X-Amz-Security-Token=").contains("X-Amz-Expires=300");

            HttpResponse<byte[]> valid = get(url);
            URI tampered = URI.create(url.toString().replace("cover.png", "other.png"));
            HttpResponse<byte[]> forged = get(tampered);
            CLOCK.advance(Duration.ofMinutes(6));
            HttpResponse<byte[]> expired = get(url);

            assertThat(valid.statusCode()).isEqualTo(200);
            assertThat(valid.body()).isEqualTo(IMAGE);
            assertThat(forged.statusCode()).isEqualTo(403);
            assertThat(new String(forged.body(), StandardCharsets.UTF_8))
                    .contains("<Code>SignatureDoesNotMatch</Code>");
            assertThat(expired.statusCode()).isEqualTo(403);
            assertThat(new String(expired.body(), StandardCharsets.UTF_8))
                    .contains("<Code>AccessDenied</Code>")
                    .contains("<Message>Request has expired</Message>")
                    .contains("<X-Amz-Expires>300</X-Amz-Expires>");
            assertThat(s3.received()).hasSize(1);
        }
    }

    @Test
    void deleteObjects_needsDeleteObjectOnEveryKey() {
        try (S3Client crud = clients.s3(Clients.session(image));
                S3Client read = clients.s3(Clients.session(api))) {
            software.amazon.awssdk.services.s3.model.Delete keys =
                    software.amazon.awssdk.services.s3.model.Delete.builder()
                            .objects(
                                    software.amazon.awssdk.services.s3.model.ObjectIdentifier.builder()
                                            .key("drafts/a.json")
                                            .build(),
                                    software.amazon.awssdk.services.s3.model.ObjectIdentifier.builder()
                                            .key("drafts/b.json")
                                            .build())
                            .build();

            crud.deleteObjects(b -> b.bucket("content").delete(keys));
            S3Exception denied = catchThrowableOfType(
                    S3Exception.class,
                    () -> read.deleteObjects(b -> b.bucket("content").delete(keys)));

            assertThat(s3.received()).hasSize(1);
            assertThat(s3.last().method()).isEqualTo("POST");
            assertThat(s3.last().rawQuery()).contains("delete");
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(denied.awsErrorDetails().errorMessage())
                    .contains("s3:DeleteObject on resource: \"arn:aws:s3:::content/drafts/a.json\"");
        }
    }

    @Test
    void deniedHeadObject_isA403WithoutBody() {
        LambdaCredentials nothing = gateway.issue(Principal.of("ScheduleFunction"), Policy.empty());
        try (S3Client client = clients.s3(Clients.session(nothing))) {
            S3Exception denied = catchThrowableOfType(
                    S3Exception.class,
                    () -> client.headObject(b -> b.bucket("content").key("images/a.png")));

            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(s3.received()).isEmpty();
            // a HEAD response has no body: like S3, the SDK sees only the status
            assertThat(denied.getMessage()).startsWith("Forbidden");
        }
    }

    @Test
    void aRequestTheGatewayCannotClassify_isRefusedClearly() {
        try (S3Client client = clients.s3(Clients.session(image))) {
            S3Exception refused =
                    catchThrowableOfType(S3Exception.class, () -> client.getBucketAcl(b -> b.bucket("content")));

            assertThat(refused.statusCode()).isEqualTo(501);
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
            assertThat(refused.awsErrorDetails().errorMessage())
                    .contains("GET /content?acl")
                    .contains("S3RequestClassifier");
            assertThat(s3.received()).isEmpty();
        }
    }

    private static HttpResponse<byte[]> get(URI url) throws Exception {
        return http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
