package dev.aiblog.local;

import dev.aiblog.local.api.LocalHttpApi;
import dev.aiblog.local.queue.QueuePoller;
import dev.aiblog.local.sam.SamTemplate;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole stack serving on localhost: the local cloud, the HTTP API in front of the API function, the queue
 * poller in front of the dispatch function (which starts executions through the local Step Functions endpoint),
 * crash recovery, and optionally the schedule function at the template's rate.
 */
public final class LocalRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRuntime.class);

    private final LocalCloud cloud;
    private final LocalHttpApi api;
    private final QueuePoller poller;
    private final ScheduledExecutorService scheduler;
    private final Recovery.Report recovery;

    private LocalRuntime(
            LocalCloud cloud,
            LocalHttpApi api,
            QueuePoller poller,
            ScheduledExecutorService scheduler,
            Recovery.Report recovery) {
        this.cloud = cloud;
        this.api = api;
        this.poller = poller;
        this.scheduler = scheduler;
        this.recovery = recovery;
    }

    /**
     * @param port the HTTP API's port (0 picks a free one)
     * @param token the bearer token that stands in for the JWT authorizer
     * @param schedule fire the schedule function at the template's rate
     */
    public static LocalRuntime start(LocalCloud.Options options, int port, String token, boolean schedule) {
        LocalCloud cloud = LocalCloud.start(options);
        try {
            LocalHttpApi api = new LocalHttpApi(cloud.template(), cloud.functions(), token, port, cloud.authorizer());
            QueuePoller.Mapping mapping =
                    QueuePoller.mapping(cloud.template(), cloud.aws().values());
            // an event source mapping polls with the function's own role
            QueuePoller poller = new QueuePoller(
                    cloud.sqsAs(mapping.functionId()),
                    cloud.functions(),
                    mapping,
                    cloud.resources().queueUrl(mapping.queueLogicalId()),
                    cloud.template().arn(mapping.queueLogicalId()));
            Recovery.Report recovery = Recovery.run(cloud);
            poller.start();
            ScheduledExecutorService scheduler = null;
            if (schedule) {
                scheduler = startSchedule(cloud);
            }
            return new LocalRuntime(cloud, api, poller, scheduler, recovery);
        } catch (RuntimeException e) {
            cloud.close();
            throw e;
        }
    }

    /** Fires every scheduled function (the posts' schedule, the sweeper) at its template rate. */
    private static ScheduledExecutorService startSchedule(LocalCloud cloud) {
        ScheduledExecutorService scheduler =
                Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
        int scheduled = 0;
        for (SamTemplate.Function function : cloud.template().functions()) {
            for (var event : function.events().values()) {
                String type = event.path("Type").asText();
                if (type.equals("ScheduleV2") || type.equals("Schedule")) {
                    String expression =
                            cloud.aws().values().text(event.path("Properties").path("ScheduleExpression"));
                    Duration rate = SamTemplate.rate(expression)
                            .orElseThrow(() -> new IllegalStateException(
                                    "the local schedule understands rate(...) expressions, not " + expression));
                    scheduler.scheduleAtFixedRate(
                            () -> fire(cloud, function.logicalId(), event), 0, rate.toMillis(), TimeUnit.MILLISECONDS);
                    LOG.info("{} fires every {} ({})", function.logicalId(), rate, expression);
                    scheduled++;
                }
            }
        }
        if (scheduled == 0) {
            scheduler.shutdown();
            throw new IllegalStateException("template.yaml has no scheduled function");
        }
        return scheduler;
    }

    private static void fire(LocalCloud cloud, String functionId, com.fasterxml.jackson.databind.JsonNode event) {
        try {
            String input = event.path("Properties")
                    .path("Input")
                    .asText("{}")
                    .replace(
                            "<aws.scheduler.scheduled-time>",
                            java.time.Instant.now()
                                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                                    .toString())
                    .replace(
                            "<aws.scheduler.execution-id>",
                            java.util.UUID.randomUUID().toString())
                    .replace("<aws.scheduler.attempt-number>", "1");
            byte[] out = cloud.functions().invokeRaw(functionId, input.getBytes(StandardCharsets.UTF_8));
            LOG.info("{}: {}", functionId, new String(out, StandardCharsets.UTF_8));
        } catch (Exception e) {
            LOG.warn("{} failed: {}", functionId, e.getMessage());
        }
    }

    public LocalCloud cloud() {
        return cloud;
    }

    public URI url() {
        return api.url();
    }

    public String token() {
        return api.token();
    }

    public QueuePoller poller() {
        return poller;
    }

    public Recovery.Report recovery() {
        return recovery;
    }

    @Override
    public void close() {
        cloud.stop(); // first: nothing that is interrupted below may be recorded as the request's outcome
        Optional.ofNullable(scheduler).ifPresent(ScheduledExecutorService::shutdownNow);
        poller.close();
        api.close();
        cloud.close();
    }
}
