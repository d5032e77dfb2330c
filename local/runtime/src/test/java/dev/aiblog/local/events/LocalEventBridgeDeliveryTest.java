package dev.aiblog.local.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiblog.core.Json;
import dev.aiblog.local.emulators.EmulatedAws;
import dev.aiblog.local.sam.SamTemplate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The ExecutionEnded rule of template.yaml, delivered as EventBridge delivers: a target that fails is retried with
 * backoff (no real waiting here: the backoff is recorded), and what its RetryPolicy cannot deliver goes to the rule's
 * dead-letter queue.
 */
class LocalEventBridgeDeliveryTest {
    private static final SamTemplate TEMPLATE = SamTemplate.load(EmulatedAws.findTemplate());
    private static final String MACHINE = "arn:aws:states:us-east-1:000000000000:stateMachine:BlogPipelineStateMachine";
    private static final String DLQ = "arn:aws:sqs:us-east-1:000000000000:OutcomeEventsDeadLetterQueue";

    private final List<Duration> waits = new ArrayList<>();
    private final List<String> deadLetters = new ArrayList<>();
    /** The clock moves by each wait, as real time would. */
    private Instant now = Instant.parse("2026-12-01T00:00:00Z");

    private LocalEventBridge bridge(LocalEventBridge.Target target) {
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        return new LocalEventBridge(
                TEMPLATE,
                target,
                node -> node.toString().contains("OutcomeEventsDeadLetterQueue") ? DLQ : MACHINE,
                (arn, event) -> deadLetters.add(arn + " " + event),
                delay -> {
                    waits.add(delay);
                    now = now.plus(delay);
                },
                clock);
    }

    private static JsonNode executionFailed(String name) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("source", "aws.states").put("detail-type", "Step Functions Execution Status Change");
        event.putObject("detail").put("name", name).put("status", "FAILED").put("stateMachineArn", MACHINE);
        return event;
    }

    @Test
    void anOutcomeThatCannotBeWrittenForAWhileIsWrittenOnceWritesWorkAgain() {
        AtomicInteger attempts = new AtomicInteger();
        List<String> delivered = new ArrayList<>();
        LocalEventBridge bridge = bridge((function, input) -> {
            if (attempts.incrementAndGet() <= 4) {
                throw new IllegalStateException("the data folder is read-only");
            }
            delivered.add(function + " " + new String(input, java.nio.charset.StandardCharsets.UTF_8));
        });

        assertThat(bridge.publish(executionFailed("req-1"))).isEqualTo(1);

        assertThat(delivered)
                .singleElement()
                .satisfies(d -> assertThat(d)
                        .startsWith("RecordOutcomeFunction ")
                        .contains("\"requestId\": \"req-1\"")
                        .contains("States.ExecutionFAILED"));
        assertThat(waits)
                .containsExactly(
                        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void whatTheRetryPolicyCannotDeliverGoesToTheRulesDeadLetterQueue() {
        LocalEventBridge bridge = bridge((function, input) -> {
            throw new IllegalStateException("still failing");
        });

        bridge.publish(executionFailed("req-2"));

        // the template's policy: 185 retries (within a day), backing off to at most a minute
        assertThat(waits).hasSize(185).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(60)));
        assertThat(waits.stream().reduce(Duration.ZERO, Duration::plus)).isLessThanOrEqualTo(Duration.ofDays(1));
        assertThat(deadLetters)
                .singleElement()
                .satisfies(d -> assertThat(d).startsWith(DLQ + " ").contains("req-2"));
    }
}
