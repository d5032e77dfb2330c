package dev.aiblog.local;

import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.PostOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Each events/ file with the function that handles it, in an order that builds what the next one needs. */
final class SampleEvents {
    private SampleEvents() {}

    record Sample(String functionId, String file) {
        Path path() {
            return Repository.root().resolve("events").resolve(file);
        }
    }

    /** The request the pipeline's sample events belong to, as the API would have recorded it. */
    static BlogRequest request() {
        return BlogRequest.queued(
                "0f6b6f5e-2d1c-4b8e-9a57-3c1c7e1d2a01",
                "user-1",
                "How tide pools survive the winter",
                PostOptions.DEFAULT,
                Instant.now());
    }

    static final List<Sample> ALL = List.of(
            new Sample("ModerateFunction", "moderate-topic.json"),
            new Sample("GenerateTextFunction", "generate-text.json"),
            new Sample("ModerateFunction", "moderate-text.json"),
            new Sample("GenerateImageFunction", "generate-image.json"),
            new Sample("ReviewFunction", "await-review.json"),
            // not awaiting review (404), then the draft above, approved: the decision reaches the local Step Functions
            // endpoint, which has no such task (409)
            new Sample("ApiFunction", "api-get-review.json"),
            new Sample("ApiFunction", "api-decide-review.json"),
            new Sample("PublishFunction", "publish.json"),
            new Sample("RecordOutcomeFunction", "reject.json"),
            new Sample("RecordOutcomeFunction", "mark-failed.json"),
            new Sample("ApiFunction", "api-submit-blog.json"),
            new Sample("ApiFunction", "api-get-request.json"),
            new Sample("ApiFunction", "api-retry-request.json"),
            new Sample("ApiFunction", "api-list-requests.json"),
            new Sample("ApiFunction", "api-get-feed.json"),
            new Sample("ApiFunction", "api-get-blog.json"),
            new Sample("ApiFunction", "api-get-post-page.json"),
            new Sample("ApiFunction", "api-like-blog.json"),
            new Sample("ApiFunction", "api-unlike-blog.json"),
            new Sample("ApiFunction", "api-get-me.json"),
            new Sample("ApiFunction", "api-list-reviews.json"),
            new Sample("DispatchFunction", "dispatch-requests.json"),
            new Sample("ScheduleFunction", "schedule-tick.json"),
            new Sample("SweepFunction", "sweep.json"));

    /** Asserts a function's response is not an error: no Lambda error document, no 5xx, no failed batch items. */
    static void assertHandled(Sample sample, String output) {
        com.fasterxml.jackson.databind.JsonNode response =
                dev.aiblog.core.Json.read(output, com.fasterxml.jackson.databind.JsonNode.class);
        org.assertj.core.api.Assertions.assertThat(response.has("errorType"))
                .as(sample + " → " + output)
                .isFalse();
        if (response.has("statusCode")) {
            org.assertj.core.api.Assertions.assertThat(
                            response.path("statusCode").asInt())
                    .as(sample + " → " + output)
                    .isLessThan(500);
        }
        if (response.has("batchItemFailures")) {
            org.assertj.core.api.Assertions.assertThat(response.path("batchItemFailures"))
                    .as(sample + " → " + output)
                    .isEmpty();
        }
    }
}
