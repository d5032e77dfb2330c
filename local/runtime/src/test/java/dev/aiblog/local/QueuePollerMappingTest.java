package dev.aiblog.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiblog.local.queue.QueuePoller;
import dev.aiblog.local.sam.SamTemplate;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The local event source mapping throttles as template.yaml's SQS event says. */
class QueuePollerMappingTest {
    final SamTemplate template = SamTemplate.load(Repository.root().resolve("template.yaml"));

    @Test
    void readsBatchSizeWindowAndMaximumConcurrencyFromTheTemplate() {
        QueuePoller.Mapping mapping = QueuePoller.mapping(template);

        assertThat(mapping)
                .isEqualTo(new QueuePoller.Mapping("DispatchFunction", "RequestsQueue", 10, Duration.ofSeconds(1), 2));
    }

    @Test
    void takesTheMaximumConcurrencyFromAParameterOverride() {
        QueuePoller.Mapping mapping = QueuePoller.mapping(
                template, template.values(Map.of(), Map.of(), Map.of("DispatchMaxConcurrency", "7")));

        assertThat(mapping.maxConcurrency()).isEqualTo(7);
    }
}
