package dev.aiblog.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.core.lambda.StepHandler;
import dev.aiblog.core.ports.ContentKeys;
import dev.aiblog.local.sam.SamTemplate;
import java.time.Duration;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** A kept step result is reused only while what it points to exists: the bucket's lifecycle rule deletes drafts. */
class ReuseWindowTest {
    @Test
    void keptResultsAreReusedOnlyWhileTheDraftsTheyNameAreKept() {
        SamTemplate sam = SamTemplate.load(Repository.root().resolve("template.yaml"));
        JsonNode rules =
                sam.properties("ContentBucket").path("LifecycleConfiguration").path("Rules");
        JsonNode drafts = StreamSupport.stream(rules.spliterator(), false)
                .filter(rule -> ContentKeys.draftKey("r1")
                        .startsWith(rule.path("Prefix").asText("\u0000")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no lifecycle rule covers " + ContentKeys.draftKey("r1")));

        assertThat(StepHandler.REUSE_WINDOW)
                .isLessThan(Duration.ofDays(drafts.path("ExpirationInDays").asLong()));
        // images are the posts' own: no rule may expire them
        assertThat(rules)
                .noneMatch(rule -> ContentKeys.imageKey("r1", "image/png")
                        .startsWith(rule.path("Prefix").asText("\u0000")));
    }
}
