package dev.aiblog.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.aiblog.asl.ExecutionResult;
import dev.aiblog.asl.ExecutionStatus;
import dev.aiblog.core.Json;
import dev.aiblog.core.model.Status;
import dev.aiblog.core.steps.ExecutionInput;
import dev.aiblog.local.iam.LambdaCredentials;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The API function as deployed: loaded from its zip alone (with the AWS SDK ProGuard shrank to what it reaches), with
 * its role's credentials through the IAM gateway, on every AWS call it makes: a submission (SQS SendMessage), an
 * editor's read of a draft (S3 GetObject) and decision (Step Functions SendTaskSuccess to the waiting execution),
 * and the feed and a post whose presigned image URLs the S3 endpoint accepts. A class the shrink took away that only
 * one of these paths loads fails here, not in AWS. ReviewMode is REQUIRED so that a draft waits for the decision.
 */
class ApiZipEndToEndTest {
    private static final String API = "ApiFunction";

    @TempDir
    static Path unpacked;

    private static LocalCloud cloud;
    private static URLClassLoader loader;
    private static Object api;

    @BeforeAll
    static void start() throws Exception {
        Path zip = Repository.root().resolve(FunctionZipTest.codeUri(API));
        Assumptions.assumeTrue(Files.exists(zip), "build the zips first (./mvnw package): " + zip);
        cloud = LocalCloud.start(
                LocalCloud.Options.inMemory(Repository.root()).withParameters(Map.of("ReviewMode", "REQUIRED")));
        loader = FunctionZipTest.unpack(zip, unpacked);
        Class<?> settings = loader.loadClass("dev.aiblog.core.config.Settings");
        Object config = settings.getMethod("of", Map.class)
                .invoke(null, cloud.functions().settings(API).asMap());
        api = FunctionZipTest.construct(loader, cloud.template().function(API).handlerClass(), settings, config);
    }

    @AfterAll
    static void stop() throws Exception {
        if (loader != null) {
            loader.close();
        }
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void theZippedApi_queuesASubmission_passesTheEditorsDecisionToTheExecution_andServesThePostsPresignedImage()
            throws Exception {
        ObjectNode submission = event("api-submit-blog.json");
        ((ObjectNode) submission.path("headers"))
                .put("idempotency-key", UUID.randomUUID().toString());

        JsonNode accepted = call(submission, 202);

        String requestId = accepted.path("requestId").asText();
        assertThat(queuedMessages()).anyMatch(body -> body.contains(requestId));

        // what the dispatcher does with the message; the draft then waits for an editor
        var started = cloud.stepFunctions()
                .start(
                        requestId,
                        Json.mapper()
                                .valueToTree(ExecutionInput.of(cloud.requests().get(requestId))));
        awaitStatus(requestId, Status.AWAITING_REVIEW);
        JsonNode draft = call(withId(event("api-get-review.json"), "/reviews/", requestId), 200);
        assertThat(draft.path("body").asText()).isNotBlank();

        ObjectNode decision = withId(event("api-decide-review.json"), "/reviews/", requestId);
        decision.put("body", "{\"decision\":\"approve\",\"title\":\"Approved from the zip\"}");
        call(decision, 202);

        ExecutionResult result = started.result().get(60, TimeUnit.SECONDS);
        assertThat(result.status()).as(result.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
        String postId = cloud.requests().get(requestId).postId();
        assertThat(cloud.requests().get(requestId).status()).isEqualTo(Status.PUBLISHED);

        ObjectNode feedRequest = event("api-get-feed.json");
        feedRequest.put("rawQueryString", "limit=10");
        feedRequest.putObject("queryStringParameters").put("limit", "10");
        JsonNode feed = call(feedRequest, 200);
        JsonNode item = null;
        for (JsonNode i : feed.path("items")) {
            if (i.path("id").asText().equals(postId)) {
                item = i;
            }
        }
        assertThat(item).as(feed.toString()).isNotNull();
        assertThat(item.path("title").asText()).isEqualTo("Approved from the zip");
        assertImageReadable(item.path("imageUrl").asText());

        JsonNode post = call(withId(event("api-get-blog.json"), "/blogs/", postId), 200);
        assertThat(post.path("reviewedBy").asText()).isNotBlank();
        assertImageReadable(post.path("imageUrl").asText());

        List<String> decisions =
                new ArrayList<>(cloud.aws().gateway().decisions().keySet());
        assertThat(cloud.aws().refusals()).isEmpty();
        assertThat(decisions)
                .anyMatch(d -> d.startsWith("ALLOW ApiFunction sqs:SendMessage "))
                .anyMatch(d -> d.startsWith("ALLOW ApiFunction states:SendTaskSuccess "))
                .anyMatch(d -> d.startsWith("ALLOW ApiFunction s3:GetObject "));
    }

    /**
     * Deployed with SnapStart, Lambda gives the function no keys in its environment but a container credentials
     * endpoint and its token (AWS_CONTAINER_CREDENTIALS_FULL_URI, AWS_CONTAINER_AUTHORIZATION_TOKEN), which the SDK's
     * default chain reaches after its environment and profile providers: a path no other test takes.
     */
    @Test
    void theZippedApi_withSnapStartsContainerCredentials_readsItsSecretAndServesTheFeed() throws Exception {
        Assumptions.assumeTrue(
                System.getenv("AWS_ACCESS_KEY_ID") == null && System.getenv("AWS_WEB_IDENTITY_TOKEN_FILE") == null,
                "the SDK's environment providers come before the container's");
        LambdaCredentials role = cloud.aws().credentials(API);
        String token = UUID.randomUUID().toString();
        AtomicInteger served = new AtomicInteger();
        HttpServer endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/credentials", exchange -> {
            boolean authorized = token.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (authorized
                            ? Json.write(Map.of(
                                    "AccessKeyId", role.accessKeyId(),
                                    "SecretAccessKey", role.secretAccessKey(),
                                    "Token", role.sessionToken(),
                                    "Expiration",
                                            Instant.now().plusSeconds(6 * 3600).toString()))
                            : "{\"message\":\"bad token\"}")
                    .getBytes(StandardCharsets.UTF_8);
            if (authorized) {
                served.incrementAndGet();
            }
            exchange.sendResponseHeaders(authorized ? 200 : 403, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        endpoint.start();
        Path noProfiles = Files.createFile(unpacked.resolve("no-profiles"));
        Map<String, String> properties = Map.of(
                "aws.containerCredentialsFullUri",
                "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/credentials",
                "aws.containerAuthorizationToken",
                token,
                // a developer's ~/.aws would come before the container's credentials
                "aws.sharedCredentialsFile",
                noProfiles.toString(),
                "aws.configFile",
                noProfiles.toString());
        try {
            properties.forEach(System::setProperty);
            Map<String, String> environment =
                    new HashMap<>(cloud.functions().settings(API).asMap());
            environment.keySet().removeAll(List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"));
            Class<?> settings = loader.loadClass("dev.aiblog.core.config.Settings");
            Object snapStarted = FunctionZipTest.construct(
                    loader,
                    cloud.template().function(API).handlerClass(),
                    settings,
                    settings.getMethod("of", Map.class).invoke(null, environment));

            JsonNode feed = call(snapStarted, event("api-get-feed.json"), 200);

            assertThat(feed.has("items")).isTrue();
            assertThat(served.get())
                    .as("calls to the container credentials endpoint")
                    .isPositive();
            assertThat(cloud.aws().refusals()).isEmpty();
        } finally {
            properties.keySet().forEach(System::clearProperty);
            endpoint.stop(0);
        }
    }

    /** The presigned URL the zipped API signed, fetched as a browser would: the gateway checks it against the role. */
    private static void assertImageReadable(String url) throws Exception {
        assertThat(url).contains("X-Amz-Signature=");
        HttpResponse<byte[]> image = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).as(url).isEqualTo(200);
        assertThat(image.body()).isNotEmpty();
    }

    private static List<String> queuedMessages() {
        String queueUrl = cloud.resources().queueUrl(cloud.queueLogicalId());
        return cloud
                .clients()
                .sqs()
                .receiveMessage(
                        b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages()
                .stream()
                .map(Message::body)
                .toList();
    }

    private static void awaitStatus(String requestId, Status wanted) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (cloud.requests().get(requestId).status() != wanted) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(
                        "request " + requestId + " is " + cloud.requests().get(requestId) + ", not " + wanted);
            }
            Thread.sleep(50);
        }
    }

    private static ObjectNode event(String file) throws Exception {
        return (ObjectNode) Json.mapper()
                .readTree(Files.readString(Repository.root().resolve("events").resolve(file)));
    }

    /** The sample event for another id: its path, raw path and path parameter. */
    private static ObjectNode withId(ObjectNode event, String prefix, String id) {
        event.put("rawPath", prefix + id);
        ((ObjectNode) event.path("requestContext").path("http")).put("path", prefix + id);
        event.putObject("pathParameters").put("id", id);
        return event;
    }

    /** Invokes the zipped handler with an event and returns the JSON body of an answer with the status wanted. */
    private static JsonNode call(JsonNode event, int status) throws Exception {
        return call(api, event, status);
    }

    private static JsonNode call(Object handler, JsonNode event, int status) throws Exception {
        String output = FunctionZipTest.invoke(handler, loader, Json.writeBytes(event));
        JsonNode response = Json.mapper().readTree(output);
        assertThat(response.path("statusCode").asInt()).as(output).isEqualTo(status);
        return Json.mapper().readTree(response.path("body").asText());
    }
}
