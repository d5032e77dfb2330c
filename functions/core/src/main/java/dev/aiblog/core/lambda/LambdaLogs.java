package dev.aiblog.core.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Structured logs for every function: each line one JSON object (Powertools for AWS Lambda's layout, written by
 * Log4j; see {@code log4j2.xml}) with the function's name, version, Lambda request id and cold start, and the
 * {@code correlation_id} of the blog request the line is about, so one request can be followed across the API, the
 * dispatcher, every step and the outcome in CloudWatch Logs Insights ({@code filter correlation_id = "<id>"}).
 */
public final class LambdaLogs {
    /** The Powertools field that names the blog request a line is about. */
    public static final String CORRELATION_ID = "correlation_id";

    private LambdaLogs() {}

    /**
     * Runs one invocation with the Lambda context's fields on every log line it writes; they (and any correlation
     * id) are cleared when it returns or throws.
     */
    public static <T> T around(Context context, Supplier<T> invocation) {
        return context == null ? invocation.get() : PowertoolsLogging.withLogging(context, invocation);
    }

    /** Names the blog request the following lines of this invocation are about (nothing when {@code requestId} is null). */
    public static void correlate(String requestId) {
        if (requestId != null && !requestId.isBlank()) {
            MDC.put(CORRELATION_ID, requestId);
        }
    }

    /**
     * A task for another thread that logs with this thread's fields (the Lambda context, and the correlation id if
     * any); the other thread's own are restored after it.
     */
    public static <T> Callable<T> carried(Callable<T> task) {
        Map<String, String> fields = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> before = MDC.getCopyOfContextMap();
            if (fields == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(fields);
            }
            try {
                return task.call();
            } finally {
                if (before == null) {
                    MDC.clear();
                } else {
                    MDC.setContextMap(before);
                }
            }
        };
    }

    /** The lines that follow are about no request in particular (between the messages of a batch). */
    public static void uncorrelate() {
        MDC.remove(CORRELATION_ID);
    }
}
