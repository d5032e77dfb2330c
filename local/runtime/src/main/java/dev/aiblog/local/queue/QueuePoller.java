package dev.aiblog.local.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiblog.asl.TaskFailedException;
import dev.aiblog.core.Json;
import dev.aiblog.local.lambda.LocalFunctions;
import dev.aiblog.local.sam.SamTemplate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
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
 */
public final class QueuePoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueuePoller.class);

    /** One SQS event source of the template: the function, its queue, and the batch size. */
    public record Mapping(String functionId, String queueLogicalId, int batchSize) {}

    private final SqsClient sqs;
    private final LocalFunctions functions;
    private final Mapping mapping;
    private final String queueUrl;
    private final String queueArn;
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;

    public QueuePoller(SqsClient sqs, LocalFunctions functions, Mapping mapping, String queueUrl, String queueArn) {
        this.sqs = sqs;
        this.functions = functions;
        this.mapping = mapping;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
    }

    /** Finds the template's SQS event source. */
    public static Mapping mapping(SamTemplate template) {
        for (SamTemplate.Function function : template.functions()) {
            for (JsonNode event : function.events().values()) {
                if ("SQS".equals(event.path("Type").asText())) {
                    JsonNode queue = event.path("Properties").path("Queue");
                    String logicalId = queue.has("Fn::GetAtt")
                            ? (queue.get("Fn::GetAtt").isArray() ? queue.get("Fn::GetAtt").get(0).asText() : queue.get("Fn::GetAtt").asText().split("\\.")[0])
                            : queue.asText();
                    return new Mapping(function.logicalId(), logicalId, event.path("Properties").path("BatchSize").asInt(10));
                }
            }
        }
        throw new IllegalStateException("template.yaml has no function with an SQS event");
    }

    public void start() {
        if (running.compareAndSet(false, true)) {
            thread = Thread.ofVirtual().name("queue-poller").start(this::loop);
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

    /** Receives one batch (waiting up to {@code wait}) and delivers it; returns how many messages it received. */
    public int pollOnce(Duration wait) {
        ReceiveMessageResponse received = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                .maxNumberOfMessages(Math.min(10, mapping.batchSize()))
                .waitTimeSeconds((int) wait.toSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All"));
        List<Message> messages = received.messages();
        if (messages.isEmpty()) {
            return 0;
        }
        Set<String> failed = deliver(messages);
        List<DeleteMessageBatchRequestEntry> done = messages.stream()
                .filter(m -> !failed.contains(m.messageId()))
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                .toList();
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
        }
        return messages.size();
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
            m.messageAttributes().forEach((k, v) -> messageAttributes.putObject(k)
                    .put("stringValue", v.stringValue()).put("dataType", v.dataType()));
            record.put("md5OfBody", m.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", "us-east-1");
        }
        Set<String> all = new HashSet<>(messages.stream().map(Message::messageId).toList());
        try {
            byte[] out = functions.invokeRaw(mapping.functionId(), Json.write(event).getBytes(StandardCharsets.UTF_8));
            JsonNode response = Json.mapper().readTree(out);
            Set<String> failed = new HashSet<>();
            response.path("batchItemFailures").forEach(f -> failed.add(f.path("itemIdentifier").asText()));
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
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
