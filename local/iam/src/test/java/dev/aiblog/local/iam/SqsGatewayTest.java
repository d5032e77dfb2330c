package dev.aiblog.local.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

class SqsGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** ElasticMQ's queue URLs: its own host and port, the account, the queue name. */
    private static final String QUEUE_URL = "http://127.0.0.1:9324/000000000000/aiblog-requests";

    private static final String QUEUE_ARN = "arn:aws:sqs:us-east-1:000000000000:aiblog-requests";

    private static RecordingBackend sqs;
    private static IamGateway gateway;
    private static Clients clients;
    private static LambdaCredentials api;

    @BeforeAll
    static void start() throws Exception {
        sqs = new RecordingBackend(SqsGatewayTest::answer);
        gateway = IamGateway.builder().backend(AwsService.SQS, sqs.endpoint()).start();
        clients = new Clients(gateway.endpoint());
        api = gateway.issue(
                Principal.of("ApiFunction"),
                SamPolicyTemplates.expand("SQSSendMessagePolicy", Map.of("QueueName", "aiblog-requests")));
    }

    @AfterAll
    static void stop() {
        clients.close();
        gateway.close();
        sqs.close();
    }

    @BeforeEach
    void clear() {
        sqs.clear();
    }

    @Test
    void sendMessage_isAllowedOnTheQueueArnDerivedFromTheUrl() {
        try (SqsClient client = clients.sqs(Clients.session(api))) {
            SendMessageResponse sent =
                    client.sendMessage(b -> b.queueUrl(QUEUE_URL).messageBody("{\"requestId\":\"r-1\"}"));

            assertThat(sent.messageId()).isEqualTo("m-1");
            assertThat(sqs.last().body()).isEqualTo(clients.sent().getLast().body());
            assertThat(sqs.last().header("X-Amz-Target")).isEqualTo("AmazonSQS.SendMessage");
            assertThat(gateway.accessLog().getLast()).satisfies(entry -> {
                assertThat(entry.action()).isEqualTo("sqs:SendMessage");
                assertThat(entry.resource()).isEqualTo(QUEUE_ARN);
                assertThat(entry.allowed()).isTrue();
            });
        }
    }

    @Test
    void sendMessageBatch_isCheckedAsSendMessage() {
        try (SqsClient client = clients.sqs(Clients.session(api))) {
            client.sendMessageBatch(b -> b.queueUrl(QUEUE_URL)
                    .entries(SendMessageBatchRequestEntry.builder()
                            .id("1")
                            .messageBody("a")
                            .build()));

            assertThat(gateway.accessLog().getLast().action()).isEqualTo("sqs:SendMessage");
            assertThat(sqs.received()).hasSize(1);
        }
    }

    @Test
    void receiveMessage_isDenied_asSqsAccessDenied() {
        try (SqsClient client = clients.sqs(Clients.session(api))) {
            SqsException denied =
                    catchThrowableOfType(SqsException.class, () -> client.receiveMessage(b -> b.queueUrl(QUEUE_URL)));

            assertThat(denied.getClass()).isEqualTo(SqsException.class);
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(denied.awsErrorDetails().errorMessage())
                    .isEqualTo("User: arn:aws:sts::000000000000:assumed-role/ApiFunctionRole/ApiFunction"
                            + " is not authorized to perform: sqs:receivemessage on resource: " + QUEUE_ARN
                            + " because no identity-based policy allows the sqs:receivemessage action");
            assertThat(sqs.received()).isEmpty();
        }
    }

    @Test
    void getQueueUrl_isCheckedOnTheNamedQueue() {
        try (SqsClient client = clients.sqs(Clients.session(api))) {
            SqsException denied = catchThrowableOfType(
                    SqsException.class, () -> client.getQueueUrl(b -> b.queueName("aiblog-requests")));

            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(gateway.accessLog().getLast().action()).isEqualTo("sqs:GetQueueUrl");
            assertThat(gateway.accessLog().getLast().resource()).isEqualTo(QUEUE_ARN);
        }
    }

    @Test
    void withoutSessionToken_isInvalidClientTokenId() {
        try (SqsClient client = clients.sqs(Clients.withoutToken(api))) {
            SqsException refused = catchThrowableOfType(
                    SqsException.class,
                    () -> client.sendMessage(b -> b.queueUrl(QUEUE_URL).messageBody("x")));

            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
            assertThat(refused.awsErrorDetails().errorMessage())
                    .isEqualTo("The security token included in the request is invalid.");
            assertThat(sqs.received()).isEmpty();
        }
    }

    @Test
    void wrongSecret_isSignatureDoesNotMatch() {
        try (SqsClient client = clients.sqs(Clients.wrongSecret(api))) {
            SqsException refused = catchThrowableOfType(
                    SqsException.class,
                    () -> client.sendMessage(b -> b.queueUrl(QUEUE_URL).messageBody("x")));

            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
            assertThat(sqs.received()).isEmpty();
        }
    }

    /** A SendMessage(Batch) answer with the MD5 of each body, which the SDK checks. */
    private static ServiceResponse answer(RecordingBackend.Received request) {
        try {
            JsonNode body = JSON.readTree(request.body());
            String json = switch (request.header("X-Amz-Target")) {
                case "AmazonSQS.SendMessage" ->
                    "{\"MessageId\":\"m-1\",\"MD5OfMessageBody\":\""
                            + md5(body.get("MessageBody").asText()) + "\"}";
                case "AmazonSQS.SendMessageBatch" -> {
                    StringBuilder entries = new StringBuilder();
                    for (JsonNode entry : body.get("Entries")) {
                        entries.append(entries.isEmpty() ? "" : ",")
                                .append("{\"Id\":\"")
                                .append(entry.get("Id").asText())
                                .append("\",\"MessageId\":\"m-")
                                .append(entry.get("Id").asText())
                                .append("\",\"MD5OfMessageBody\":\"")
                                .append(md5(entry.get("MessageBody").asText()))
                                .append("\"}");
                    }
                    yield "{\"Successful\":[" + entries + "],\"Failed\":[]}";
                }
                default -> "{}";
            };
            return ServiceResponse.json(200, "application/x-amz-json-1.0", json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("MD5")
                        .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
