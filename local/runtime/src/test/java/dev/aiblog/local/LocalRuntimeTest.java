package dev.aiblog.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.core.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** What {@code ./aiblog serve} runs: the HTTP API, the queue poller, the Step Functions endpoint, on loopback. */
class LocalRuntimeTest {
    private static final String TOKEN = "test-token";

    @TempDir
    static Path home;

    private static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(
                LocalCloud.Options.inMemory(Repository.root())
                        .persistentAt(home)
                        .withTimeScale(0),
                0,
                TOKEN,
                false);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void aRequestGoesThroughQueueDispatcherAndStateMachineToPublished() throws Exception {
        Http.Response accepted = Http.send(
                "POST", url("/blogs"), TOKEN, "{\"topic\":\"Lighthouses of the Baltic\",\"tone\":\"playful\"}");
        assertThat(accepted.status()).isEqualTo(202);
        String requestId = accepted.body().path("requestId").asText();

        JsonNode request = awaitTerminal(requestId, TOKEN);

        assertThat(request.path("status").asText()).isEqualTo("PUBLISHED");
        JsonNode post = Http.get(url("/blogs/" + request.path("postId").asText()), null);
        assertThat(post.path("title").asText()).isEqualTo("Lighthouses of the Baltic");
        assertThat(post.path("offline").asBoolean()).isTrue();
        assertThat(HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(post.path("imageUrl").asText()))
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void theDispatchersRealSfnClientReachesTheLocalEndpoint() throws Exception {
        String requestId = Http.send("POST", url("/blogs"), TOKEN, "{\"topic\":\"Sourdough starters\"}")
                .body()
                .path("requestId")
                .asText();
        awaitTerminal(requestId, TOKEN);

        try (SfnClient sfn = SfnClient.builder()
                .endpointOverride(runtime.cloud().stepFunctionsEndpoint().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y")))
                .build()) {
            String executionArn = runtime.cloud().stepFunctions().executionArn(requestId);
            // the request is PUBLISHED inside the Publish task; the execution ends a moment later, after its last state
            DescribeExecutionResponse described = sfn.describeExecution(b -> b.executionArn(executionArn));
            for (int i = 0; i < 200 && described.status() == ExecutionStatus.RUNNING; i++) {
                Thread.sleep(50);
                described = sfn.describeExecution(b -> b.executionArn(executionArn));
            }
            GetExecutionHistoryResponse history = sfn.getExecutionHistory(b -> b.executionArn(executionArn));

            assertThat(described.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(described.name()).isEqualTo(requestId);
            assertThat(Json.read(described.input(), JsonNode.class)
                            .path("topic")
                            .asText())
                    .isEqualTo("Sourdough starters");
            assertThat(history.events())
                    .extracting(e -> e.type())
                    .contains(
                            HistoryEventType.EXECUTION_STARTED,
                            HistoryEventType.TASK_SCHEDULED,
                            HistoryEventType.EXECUTION_SUCCEEDED);
            assertThat(history.events().stream()
                            .filter(e -> e.type() == HistoryEventType.TASK_STATE_ENTERED)
                            .map(e -> e.stateEnteredEventDetails().name()))
                    .containsExactly("ModerateTopic", "GenerateText", "ModerateText", "GenerateImage", "Publish");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> sfn.startExecution(
                            b -> b.stateMachineArn(runtime.cloud().stateMachineArn())
                                    .name(requestId)
                                    .input("{}")))
                    .isInstanceOf(ExecutionAlreadyExistsException.class);
        }
    }

    @Test
    void protectedRoutesNeedTheDevToken_publicOnesDoNot() throws Exception {
        assertThat(Http.send("POST", url("/blogs"), null, "{\"topic\":\"no token\"}")
                        .status())
                .isEqualTo(401);
        assertThat(Http.send("POST", url("/blogs"), "wrong", "{\"topic\":\"bad token\"}")
                        .status())
                .isEqualTo(401);
        assertThat(Http.send("GET", url("/feed"), null, null).status()).isEqualTo(200);
        assertThat(Http.send("GET", url("/nope"), null, null).status()).isEqualTo(404);
    }

    @Test
    void anotherUserCannotReadMyRequest() throws Exception {
        String requestId = Http.send("POST", url("/blogs"), TOKEN, "{\"topic\":\"Private requests\"}")
                .body()
                .path("requestId")
                .asText();

        assertThat(Http.send("GET", url("/requests/" + requestId), TOKEN + ":someone-else", null)
                        .status())
                .isEqualTo(404);
        assertThat(Http.send("GET", url("/requests/" + requestId), TOKEN, null).status())
                .isEqualTo(200);
    }

    @Test
    void readersRoutesSeeTheDevTokensUserOnPublicRoutesToo() throws Exception {
        String requestId = Http.send("POST", url("/blogs"), TOKEN, "{\"topic\":\"Shared reading lists\"}")
                .body()
                .path("requestId")
                .asText();
        String postId = awaitTerminal(requestId, TOKEN).path("postId").asText();
        Http.send("POST", url("/blogs/" + postId + "/likes"), TOKEN, null);

        JsonNode mine = Http.get(url("/requests?limit=50"), TOKEN);
        JsonNode someoneElses = Http.get(url("/requests"), TOKEN + ":someone-else");
        JsonNode asMe = Http.get(url("/blogs/" + postId), TOKEN);
        JsonNode asOther = Http.get(url("/blogs/" + postId), TOKEN + ":someone-else");
        JsonNode anonymous = Http.get(url("/blogs/" + postId), null);
        JsonNode wrongToken = Http.get(url("/blogs/" + postId), "not-the-dev-token");

        assertThat(mine.path("items").findValuesAsText("requestId")).contains(requestId);
        assertThat(someoneElses.path("items").findValuesAsText("requestId")).doesNotContain(requestId);
        assertThat(asMe.path("likedByMe").asBoolean()).isTrue();
        assertThat(asOther.path("likedByMe").isBoolean()).isTrue();
        assertThat(asOther.path("likedByMe").asBoolean()).isFalse();
        assertThat(anonymous.path("likedByMe").isNull()).isTrue();
        assertThat(wrongToken.path("likedByMe").isNull()).isTrue();
        assertThat(asMe.path("shareUrl").asText()).isEqualTo(runtime.url() + "/p/" + postId);

        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(asMe.path("shareUrl").asText()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> missing = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(url("/p/no-such-post")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body())
                .contains("<meta property=\"og:title\" content=\"Shared reading lists\">")
                .contains("href=\"aiblog://post/" + postId + "\"");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("This post doesn’t exist");
    }

    @Test
    void corsAllowsTheMobileAppsDevOrigins() throws Exception {
        HttpResponse<String> preflight = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(url("/blogs"))
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                .header("Origin", "http://localhost:8081")
                                .header("Access-Control-Request-Method", "POST")
                                .header("Access-Control-Request-Headers", "authorization,content-type")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("access-control-allow-origin"))
                .hasValue("http://localhost:8081");
        assertThat(preflight
                        .headers()
                        .firstValue("access-control-allow-headers")
                        .orElse(""))
                .contains("authorization");
    }

    private static URI url(String path) {
        return runtime.url().resolve(path);
    }

    static JsonNode awaitTerminal(URI base, String requestId, String token, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonNode request = Http.get(base.resolve("/requests/" + requestId), token);
            String status = request.path("status").asText();
            if (status.equals("PUBLISHED") || status.equals("REJECTED") || status.equals("FAILED")) {
                return request;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("request " + requestId + " still " + status + " after " + timeout);
            }
            Thread.sleep(100);
        }
    }

    private static JsonNode awaitTerminal(String requestId, String token) throws Exception {
        return awaitTerminal(runtime.url(), requestId, token, Duration.ofSeconds(60));
    }
}
