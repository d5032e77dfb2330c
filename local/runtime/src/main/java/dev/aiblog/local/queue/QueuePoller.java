package dev.aiblog.local.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiblog.asl.TaskFailedException;
import dev.aiblog.core.Json;
import dev.aiblog.local.lambda.LocalFunctions;
import dev.aiblog.local.sam.SamTemplate;
import dev.aiblog.local.sam.TemplateValues;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * What Lambda's SQS event source mapping does, locally: long-polls the queue, hands batches to the function as
 * the SQS event Lambda would send, and deletes the messages the function did not report in
 * {@code batchItemFailures} ({@code ReportBatchItemFailures}). Messages it reports, or all of a batch whose
 * invocation failed, come back after the visibility timeout and, past {@code maxReceiveCount}, go to the DLQ.
 *
 * <p>It throttles as the mapping in template.yaml does: {@code ScalingConfig.MaximumConcurrency} pollers, each
 * running one invocation at a time, so at most that many batches are in the function at once; a batch is sent
 * when it holds {@code BatchSize} messages or when {@code MaximumBatchingWindowInSeconds} has passed since its
 * first message (with no window, whatever one receive returned). Local throughput at a concurrency therefore
 * predicts the deployed one.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html">SQS event source scaling</a>
 */
public final class QueuePoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueuePoller.class);

    /**
     * One SQS event source of the template: the function, its queue, {@code BatchSize},
     * {@code MaximumBatchingWindowInSeconds} and {@code ScalingConfig.MaximumConcurrency} (when absent: Lambda's
     * 10 and no window, and {@link #DEFAULT_CONCURRENCY} pollers).
     */
    public record Mapping(
            String functionId, String queueLogicalId, int batchSize, Duration batchingWindow, int maxConcurrency) {}

    /** Pollers when the mapping sets no maximum concurrency: Lambda starts with five; locally, that is the cap. */
    public static final int DEFAULT_CONCURRENCY = 5;

    private final SqsClient sqs;
    private final LocalFunctions functions;
    private final Mapping mapping;
    private final String queueUrl;
    private final String queueArn;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> pollers = new java.util.ArrayList<>();

    public QueuePoller(SqsClient sqs, LocalFunctions functions, Mapping mapping, String queueUrl, String queueArn) {
        this.sqs = sqs;
        this.functions = functions;
        this.mapping = mapping;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
    }

    /** Finds the template's SQS event source, with the parameters' defaults. */
    public static Mapping mapping(SamTemplate template) {
        return mapping(template, template.values(Map.of(), Map.of(), Map.of()));
    }

    /** Finds the template's SQS event source; {@code values} resolves {@code !Ref}s to the stack's parameters. */
    public static Mapping mapping(SamTemplate template, TemplateValues values) {
        for (SamTemplate.Function function : template.functions()) {
            for (JsonNode event : function.events().values()) {
                if ("SQS".equals(event.path("Type").asText())) {
                    JsonNode props = event.path("Properties");
                    JsonNode queue = props.path("Queue");
                    String logicalId = queue.has("Fn::GetAtt")
                            ? (queue.get("Fn::GetAtt").isArray()
                                    ? queue.get("Fn::GetAtt").get(0).asText()
                                    : queue.get("Fn::GetAtt").asText().split("\\.")[0])
                            : queue.asText();
                    int batchSize = number(values, props.path("BatchSize"), 10);
                    int window = number(values, props.path("MaximumBatchingWindowInSeconds"), 0);
                    int concurrency =
                            number(values, props.path("ScalingConfig").path("MaximumConcurrency"), DEFAULT_CONCURRENCY);
                    return new Mapping(
                            function.logicalId(), logicalId, batchSize, Duration.ofSeconds(window), concurrency);
                }
            }
        }
        throw new IllegalStateException("template.yaml has no function with an SQS event");
    }

    private static int number(TemplateValues values, JsonNode node, int absent) {
        return node.isMissingNode() || node.isNull() ? absent : Integer.parseInt(values.text(node));
    }

    /** Starts {@code maxConcurrency} pollers, each delivering one batch at a time. */
    public void start() {
        if (running.compareAndSet(false, true)) {
            for (int i = 0; i < Math.max(1, mapping.maxConcurrency()); i++) {
                pollers.add(Thread.ofVirtual().name("queue-poller-" + i).start(this::loop));
            }
        }
    }

    private void loop() {
        while (running.get()) {
            try {
                pollOnce(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                if (running.get()) {
                    LOG.warn("polling {} failed: {}", mapping.queueLogicalId(), e.toString());
                    sleep(Duration.ofMillis(500));
                }
            }
        }
    }

    /**
     * Gathers one batch (waiting up to {@code wait} for its first message, then up to the batching window for the
     * rest) and delivers it; returns how many messages it delivered.
     */
    public int pollOnce(Duration wait) {
        List<Message> messages = new java.util.ArrayList<>(receive(mapping.batchSize(), (int) wait.toSeconds()));
        if (messages.isEmpty()) {
            return 0;
        }
        long windowEnds = System.nanoTime() + mapping.batchingWindow().toNanos();
        while (messages.size() < mapping.batchSize() && running.get()) {
            long left = windowEnds - System.nanoTime();
            if (left <= 0) {
                break;
            }
            // SQS long polls in whole seconds; a window's last fraction is a short poll
            int seconds = (int) Math.min(20, java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(left));
            messages.addAll(receive(mapping.batchSize() - messages.size(), seconds));
            if (seconds == 0 && System.nanoTime() < windowEnds) {
                sleep(Duration.ofMillis(Math.min(
                        50, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(windowEnds - System.nanoTime()) + 1)));
            }
        }
        Set<String> failed = deliver(messages);
        List<DeleteMessageBatchRequestEntry> done = messages.stream()
                .filter(m -> !failed.contains(m.messageId()))
                .map(m -> DeleteMessageBatchRequestEntry.builder()
                        .id(m.messageId())
                        .receiptHandle(m.receiptHandle())
                        .build())
                .toList();
        for (int from = 0; from < done.size(); from += 10) {
            List<DeleteMessageBatchRequestEntry> chunk = done.subList(from, Math.min(done.size(), from + 10));
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(chunk));
        }
        return messages.size();
    }

    private List<Message> receive(int upTo, int waitSeconds) {
        ReceiveMessageResponse received = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                .maxNumberOfMessages(Math.min(10, upTo))
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All"));
        return received.messages();
    }

    private Set<String> deliver(List<Message> messages) {
        ObjectNode event = Json.mapper().createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message m : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", m.messageId());
            record.put("receiptHandle", m.receiptHandle());
            record.put("body", m.body());
            ObjectNode attributes = record.putObject("attributes");
            m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            m.messageAttributes()
                    .forEach((k, v) -> messageAttributes
                            .putObject(k)
                            .put("stringValue", v.stringValue())
                            .put("dataType", v.dataType()));
            record.put("md5OfBody", m.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", "us-east-1");
        }
        Set<String> all =
                new HashSet<>(messages.stream().map(Message::messageId).toList());
        try {
            byte[] out = functions.invokeRaw(mapping.functionId(), Json.writeBytes(event));
            JsonNode response = Json.mapper().readTree(out);
            Set<String> failed = new HashSet<>();
            response.path("batchItemFailures")
                    .forEach(f -> failed.add(f.path("itemIdentifier").asText()));
            failed.retainAll(all);
            return failed;
        } catch (TaskFailedException e) {
            LOG.warn("{} failed for a batch of {}: {}", mapping.functionId(), messages.size(), e.getMessage());
            return all;
        } catch (java.io.IOException e) {
            LOG.warn("{} returned something that is not JSON; the batch will be retried", mapping.functionId());
            return all;
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        for (Thread poller : pollers) {
            try {
                poller.join(Duration.ofSeconds(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
