package dev.aiblog.functions.api;

import static dev.aiblog.functions.api.RoutesTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiblog.core.Json;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.PostOptions;
import dev.aiblog.core.model.Status;
import dev.aiblog.core.steps.ExecutionInput;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /requests/{id}/retry: a FAILED request of the caller's runs again as a new attempt. */
class RetryRequestTest {
    static ApiHandler handler;

    @BeforeAll
    static void start() {
        handler = new ApiHandler(TestAws.settings());
    }

    private static String failedRequestOf(String owner) {
        String id = UUID.randomUUID().toString();
        TestData.requests()
                .create(BlogRequest.queued(id, owner, "A topic that failed", PostOptions.DEFAULT, Instant.now()));
        TestData.requests().markFailed(id, "ProviderException", "the model was down");
        return id;
    }

    private static HttpApiResponse retry(String user, String id) {
        return handler.handle(
                Events.request("POST", "/requests/" + id + "/retry").as(user).build());
    }

    @Test
    void requeuesAFailedRequestAsItsSecondAttempt_forItsOwner() {
        String owner = "owner-" + UUID.randomUUID();
        String id = failedRequestOf(owner);

        HttpApiResponse response = retry(owner, id);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response).get("status").asText()).isEqualTo("QUEUED");
        BlogRequest request = TestData.requests().get(id);
        assertThat(request.status()).isEqualTo(Status.QUEUED);
        assertThat(request.reason()).isNull();
        List<ExecutionInput> sent = TestData.queuedBodies().stream()
                .map(body -> Json.read(body, ExecutionInput.class))
                .filter(input -> input.requestId().equals(id))
                .toList();
        assertThat(sent).singleElement().satisfies(input -> {
            assertThat(input.attempt()).isEqualTo(2);
            assertThat(input.executionName()).isEqualTo(id + "-r2");
        });
    }

    @Test
    void answers404ForSomeoneElsesRequest_and409ForOneThatIsNotFailed() {
        String owner = "owner-" + UUID.randomUUID();
        String id = failedRequestOf(owner);

        assertThat(retry("someone-else", id).statusCode()).isEqualTo(404);
        assertThat(retry(owner, id).statusCode()).isEqualTo(202);
        HttpApiResponse again = retry(owner, id);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).at("/error/code").asText()).isEqualTo("CONFLICT");
    }
}
