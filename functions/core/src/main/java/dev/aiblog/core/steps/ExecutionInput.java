package dev.aiblog.core.steps;

import dev.aiblog.core.model.Audience;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.Length;
import dev.aiblog.core.model.Tone;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The blog pipeline's execution input, and the body of every message on the requests queue: the dispatcher
 * passes it through unchanged. All five fields are present; options are the lower-case wire strings.
 */
public record ExecutionInput(
        String requestId,
        String topic,
        String audience,
        String tone,
        String length,

        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        Integer attempt) {
    public ExecutionInput(String requestId, String topic, String audience, String tone, String length) {
        this(requestId, topic, audience, tone, length, null);
    }

    /** The same request, as its {@code attempt}-th run (a retry of a FAILED request: 2, 3, ...). */
    public ExecutionInput withAttempt(int attempt) {
        return new ExecutionInput(requestId, topic, audience, tone, length, attempt);
    }

    /**
     * The execution's name: the request id for the first run, {@code <requestId>-r<attempt>} for a retry, so a
     * redelivered message still starts nothing new and a retry is a new execution.
     */
    public String executionName() {
        return attempt == null || attempt <= 1 ? requestId : requestId + "-r" + attempt;
    }

    /** The request id an execution name stands for (the inverse of {@link #executionName()}). */
    public static String requestIdOf(String executionName) {
        return executionName == null ? null : executionName.replaceFirst("-r\\d+$", "");
    }

    /**
     * What a request id (and so an execution name) may look like: Step Functions allows at most 80 characters and
     * no whitespace, brackets, wildcards or punctuation such as {@code # % / :}.
     */
    public static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    public static ExecutionInput of(BlogRequest request) {
        return new ExecutionInput(
                request.requestId(),
                request.topic(),
                request.options().audience().wire(),
                request.options().tone().wire(),
                request.options().length().wire());
    }

    /** What is wrong with this input, each problem naming its field; empty when the pipeline can run it. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (requestId == null || !REQUEST_ID.matcher(requestId).matches()) {
            problems.add("requestId is missing or not a valid execution name");
        }
        if (topic == null || topic.isBlank()) {
            problems.add("topic is missing or empty");
        }
        if (Audience.parse(audience).isEmpty()) {
            problems.add("audience must be one of " + Audience.wireValues());
        }
        if (Tone.parse(tone).isEmpty()) {
            problems.add("tone must be one of " + Tone.wireValues());
        }
        if (Length.parse(length).isEmpty()) {
            problems.add("length must be one of " + Length.wireValues());
        }
        return problems;
    }
}
