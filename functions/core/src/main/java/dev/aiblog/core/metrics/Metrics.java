package dev.aiblog.core.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiblog.core.Json;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metrics in CloudWatch embedded metric format: one JSON line on standard output per record, which Lambda ships to
 * CloudWatch Logs and CloudWatch turns into metrics (namespace {@code AiBlog}, dimension {@code Stage} plus the
 * record's own). Locally the same line goes to the console. Each line carries the request id, so a metric can be
 * traced to its request in Logs Insights.
 *
 * <p>Written by hand rather than with Powertools metrics: a few dozen lines, no aspect weaving, and nothing added to
 * any function's zip.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html">EMF specification</a>
 */
public final class Metrics {
    public static final String NAMESPACE = "AiBlog";

    private final String stage;
    private final PrintStream out;
    private final Clock clock;

    public Metrics(String stage, PrintStream out, Clock clock) {
        this.stage = stage;
        this.out = out;
        this.clock = clock;
    }

    /**
     * A function's metrics: the stage from {@code STAGE}; to standard output, where Lambda collects them, or to
     * standard error when {@code METRICS_STREAM=stderr} (the local runtime, whose standard output is a command's
     * result, e.g. {@code generate --json}).
     */
    public static Metrics forFunction(dev.aiblog.core.config.Settings settings) {
        PrintStream stream = settings.get("METRICS_STREAM")
                        .filter("stderr"::equalsIgnoreCase)
                        .isPresent()
                ? System.err
                : System.out;
        return new Metrics(settings.get("STAGE").orElse("local"), stream, Clock.systemUTC());
    }

    /** Discards everything (tests that do not look at metrics). */
    public static Metrics none() {
        return new Metrics("none", null, Clock.systemUTC());
    }

    /** Starts a record for one request. */
    public Record record(String requestId) {
        return new Record(requestId);
    }

    /** One EMF line: dimensions, metrics and properties, written by {@link #emit()}. */
    public final class Record {
        private final String requestId;
        private final Map<String, String> dimensions = new LinkedHashMap<>();
        private final Map<String, Object[]> values = new LinkedHashMap<>();

        private Record(String requestId) {
            this.requestId = requestId;
        }

        public Record dimension(String name, String value) {
            dimensions.put(name, value);
            return this;
        }

        public Record count(String name, long value) {
            values.put(name, new Object[] {value, "Count"});
            return this;
        }

        public Record millis(String name, long value) {
            values.put(name, new Object[] {value, "Milliseconds"});
            return this;
        }

        public Record seconds(String name, long value) {
            values.put(name, new Object[] {value, "Seconds"});
            return this;
        }

        public Record usd(String name, BigDecimal value) {
            values.put(name, new Object[] {value, "None"});
            return this;
        }

        public void emit() {
            if (out == null || values.isEmpty()) {
                return;
            }
            ObjectNode line = Json.mapper().createObjectNode();
            ObjectNode aws = line.putObject("_aws");
            aws.put("Timestamp", clock.millis());
            ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
            directive.put("Namespace", NAMESPACE);
            ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
            dimensionSet.add("Stage");
            dimensions.keySet().forEach(dimensionSet::add);
            ArrayNode metrics = directive.putArray("Metrics");
            line.put("Stage", stage);
            dimensions.forEach(line::put);
            values.forEach((name, v) -> {
                metrics.addObject().put("Name", name).put("Unit", (String) v[1]);
                if (v[0] instanceof BigDecimal d) {
                    line.put(name, d);
                } else {
                    line.put(name, (Long) v[0]);
                }
            });
            if (requestId != null) {
                line.put("requestId", requestId);
            }
            out.println(Json.write(line));
        }
    }
}
