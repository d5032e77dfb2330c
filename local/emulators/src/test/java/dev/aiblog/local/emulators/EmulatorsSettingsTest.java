package dev.aiblog.local.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

class EmulatorsSettingsTest {

    @Test
    void bindsTheGivenPorts() throws IOException {
        int dynamoDb = freePort();
        int sqs = freePort();
        int s3 = freePort();

        try (Emulators emulators = Emulators.start(Emulators.Settings.inMemory().withPorts(dynamoDb, sqs, s3))) {
            assertThat(emulators.dynamoDbEndpoint()).isEqualTo(URI.create("http://127.0.0.1:" + dynamoDb));
            assertThat(emulators.sqsEndpoint()).isEqualTo(URI.create("http://127.0.0.1:" + sqs));
            assertThat(emulators.s3Endpoint()).isEqualTo(URI.create("http://127.0.0.1:" + s3));
        }
    }

    @Test
    void aTakenPortFailsTheStartNamingTheEmulator() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Emulators.Settings settings = Emulators.Settings.inMemory().withPorts(0, 0, taken.getLocalPort());

            assertThatThrownBy(() -> Emulators.start(settings))
                    .isInstanceOf(EmulatorStartException.class)
                    .hasMessageContaining("local-s3")
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()));
        }
    }

    @Test
    void presignedUrlsWorkAgainstLocalS3() throws Exception {
        try (Emulators emulators = Emulators.inMemory();
                LocalAwsClients aws = LocalAwsClients.of(emulators);
                S3Presigner presigner = S3Presigner.builder()
                        .endpointOverride(emulators.s3Endpoint())
                        .region(LocalAwsClients.REGION)
                        .credentialsProvider(LocalAwsClients.CREDENTIALS)
                        .serviceConfiguration(S3Configuration.builder()
                                .pathStyleAccessEnabled(true)
                                .build())
                        .build()) {
            aws.s3().createBucket(b -> b.bucket("presign-bucket"));
            aws.s3()
                    .putObject(
                            b -> b.bucket("presign-bucket").key("images/p.png").contentType("image/png"),
                            RequestBody.fromString("png"));

            URI url = presigner
                    .presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                            .getObjectRequest(g -> g.bucket("presign-bucket").key("images/p.png")))
                    .url()
                    .toURI();
            HttpResponse<String> response;
            try (HttpClient http = HttpClient.newHttpClient()) {
                response = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
            }

            assertThat(url.getHost()).isEqualTo("127.0.0.1");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("png");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
