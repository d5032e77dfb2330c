package dev.aiblog.functions.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.aiblog.core.Json;
import dev.aiblog.core.intake.Submission;
import dev.aiblog.core.model.Audience;
import dev.aiblog.core.model.Length;
import dev.aiblog.core.model.PostOptions;
import dev.aiblog.core.model.Tag;
import dev.aiblog.core.model.Tone;
import dev.aiblog.core.model.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads and checks what a client sends: the {@code POST /blogs} body, feed and request-list query parameters, path ids and the
 * {@code Idempotency-Key} header. Every refusal is an {@link ApiException} whose message names the field.
 */
final class Inputs {
    /** Far above any valid body (a topic is at most 200 characters), far below what would cost anything to parse. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 50;
    static final int MAX_TAG = Tag.MAX_LENGTH;
    static final int MAX_IDEMPOTENCY_KEY = 128;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7E]+");
    /** Compiled once: {@code String.matches} compiled it again on every feed request. */
    private static final Pattern LIMIT = Pattern.compile("[0-9]{1,3}");

    private static final Set<String> SUBMIT_FIELDS = Set.of("topic", "audience", "tone", "length");
    private static final ObjectReader READER = Json.mapper()
            .reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Inputs() {}

    /** The body of {@code POST /blogs}: {@code {"topic", "audience"?, "tone"?, "length"?}}, nothing else. */
    static Submission submission(Optional<String> body) {
        JsonNode root = parse(body.orElseThrow(() -> new ApiException(
                ErrorCode.INVALID_JSON,
                "the request body is missing; send a JSON object such as {\"topic\": \"...\"}")));
        if (!root.isObject()) {
            throw ApiException.invalid("body must be a JSON object, not " + kind(root));
        }
        List<String> unknown = new ArrayList<>();
        root.fieldNames().forEachRemaining(name -> {
            if (!SUBMIT_FIELDS.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw ApiException.invalid("unknown field " + quoted(unknown.getFirst())
                    + "; the fields are topic, audience, tone and length");
        }
        JsonNode topicNode = root.get("topic");
        if (topicNode == null || topicNode.isNull()) {
            throw ApiException.invalid("topic is required");
        }
        if (!topicNode.isTextual()) {
            throw ApiException.invalid("topic must be a string, not " + kind(topicNode));
        }
        String topic;
        try {
            topic = Topic.of(topicNode.textValue()).value();
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        }
        Audience audience = option(root, "audience", Audience::parse, Audience.wireValues());
        Tone tone = option(root, "tone", Tone::parse, Tone.wireValues());
        Length length = option(root, "length", Length::parse, Length.wireValues());
        return new Submission(topic, new PostOptions(audience, tone, length));
    }

    private static <T> T option(
            JsonNode root, String field, Function<String, Optional<T>> parse, List<String> allowed) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        String must = field + " must be one of " + String.join(", ", allowed);
        if (!node.isTextual()) {
            throw ApiException.invalid(must + " (a string), not " + kind(node));
        }
        return parse.apply(node.textValue())
                .orElseThrow(() -> ApiException.invalid(must + ", not " + quoted(node.textValue())));
    }

    private static JsonNode parse(String body) {
        if (body.isBlank()) {
            throw new ApiException(
                    ErrorCode.INVALID_JSON,
                    "the request body is empty; send a JSON object such as {\"topic\": \"...\"}");
        }
        try {
            JsonNode node = READER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new ApiException(ErrorCode.INVALID_JSON, "the request body is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            String detail = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            if (detail.startsWith("Duplicate field")) {
                throw new ApiException(ErrorCode.INVALID_JSON, "the request body is not valid JSON: " + detail);
            }
            var location = e.getLocation();
            throw new ApiException(
                    ErrorCode.INVALID_JSON,
                    "the request body is not valid JSON"
                            + (location == null
                                    ? ""
                                    : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"));
        }
    }

    /** The largest editor's decision: a whole edited body fits (a long post is about 15 KB of markdown). */
    static final int MAX_DECISION_BYTES = 256 * 1024;

    static final int MAX_REASON = 500;
    private static final Set<String> DECISION_FIELDS = Set.of("decision", "reason", "title", "summary", "body", "tags");

    /**
     * An editor's decision, {@code POST /reviews/{id}}: {@code decision} approve or reject; a reject needs a
     * {@code reason} (1..500 characters) and takes no edits; an approve may carry edits of title, summary, body and
     * tags, checked later against the draft like a model's output.
     */
    record Decision(
            dev.aiblog.core.model.ReviewDecision.Verdict verdict,
            String reason,
            String title,
            String summary,
            String body,
            List<String> tags) {}

    static Decision decision(Optional<String> body) {
        JsonNode root = parse(body.orElseThrow(() -> new ApiException(
                ErrorCode.INVALID_JSON,
                "the request body is missing; send a JSON object such as {\"decision\": \"approve\"}")));
        if (!root.isObject()) {
            throw ApiException.invalid("body must be a JSON object, not " + kind(root));
        }
        List<String> unknown = new ArrayList<>();
        root.fieldNames().forEachRemaining(name -> {
            if (!DECISION_FIELDS.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw ApiException.invalid("unknown field " + quoted(unknown.getFirst())
                    + "; the fields are decision, reason, title, summary, body and tags");
        }
        String raw = text(root, "decision");
        if (raw == null) {
            throw ApiException.invalid("decision is required: approve or reject");
        }
        var verdict = switch (raw) {
            case "approve" -> dev.aiblog.core.model.ReviewDecision.Verdict.APPROVE;
            case "reject" -> dev.aiblog.core.model.ReviewDecision.Verdict.REJECT;
            default -> throw ApiException.invalid("decision must be approve or reject, not " + quoted(raw));
        };
        String reason = text(root, "reason");
        if (reason != null && (reason.isBlank() || reason.length() > MAX_REASON)) {
            throw ApiException.invalid("reason must be 1 to " + MAX_REASON + " characters");
        }
        List<String> tags = null;
        JsonNode tagsNode = root.get("tags");
        if (tagsNode != null && !tagsNode.isNull()) {
            if (!tagsNode.isArray()) {
                throw ApiException.invalid("tags must be an array of strings, not " + kind(tagsNode));
            }
            tags = new ArrayList<>();
            for (int i = 0; i < tagsNode.size(); i++) {
                if (!tagsNode.get(i).isTextual()) {
                    throw ApiException.invalid("tags[" + i + "] must be a string, not " + kind(tagsNode.get(i)));
                }
                tags.add(tagsNode.get(i).textValue());
            }
        }
        Decision decision =
                new Decision(verdict, reason, text(root, "title"), text(root, "summary"), text(root, "body"), tags);
        if (verdict == dev.aiblog.core.model.ReviewDecision.Verdict.REJECT) {
            if (reason == null) {
                throw ApiException.invalid("reason is required to reject: say why, the requester sees it");
            }
            if (decision.title() != null || decision.summary() != null || decision.body() != null || tags != null) {
                throw ApiException.invalid(
                        "a rejection takes no edits: send title, summary, body and tags only to approve");
            }
        }
        return decision;
    }

    /** A string field, or null when absent or null. */
    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.invalid(field + " must be a string, not " + kind(node));
        }
        return node.textValue();
    }

    /** Feed parameters: {@code limit} 1..50 (default 20), {@code tag} (lower-cased), and the raw cursor. */
    record FeedParams(int limit, Tag tag, String cursor) {}

    static FeedParams feed(Map<String, String> query) {
        int limit = limit(query);
        Tag tag = null;
        String rawTag = query.get("tag");
        if (rawTag != null) {
            if (rawTag.isBlank()) {
                throw ApiException.invalid("tag is empty; leave it out for every post");
            }
            try {
                tag = Tag.of(rawTag);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid(e.getMessage());
            }
        }
        return new FeedParams(limit, tag, cursor(query));
    }

    /** Parameters of {@code GET /requests}: {@code limit} 1..50 (default 20) and the raw cursor. */
    record PageParams(int limit, String cursor) {}

    static PageParams page(Map<String, String> query) {
        return new PageParams(limit(query), cursor(query));
    }

    private static int limit(Map<String, String> query) {
        String rawLimit = query.get("limit");
        if (rawLimit == null) {
            return DEFAULT_LIMIT;
        }
        String must = "limit must be a whole number from 1 to " + MAX_LIMIT;
        if (!LIMIT.matcher(rawLimit).matches()) {
            throw ApiException.invalid(must + ", not " + quoted(rawLimit));
        }
        int limit = Integer.parseInt(rawLimit);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.invalid(must + ", not " + limit);
        }
        return limit;
    }

    private static String cursor(Map<String, String> query) {
        String cursor = query.get("cursor");
        if (cursor != null && cursor.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_CURSOR, "cursor is empty; leave it out for the first page");
        }
        return cursor;
    }

    static boolean isId(String raw) {
        return ID.matcher(raw).matches();
    }

    /** A path id that could exist; anything else is a 404, so no odd key ever reaches DynamoDB. */
    static String id(String raw, String what) {
        if (raw == null || !ID.matcher(raw).matches()) {
            throw ApiException.notFound("no " + what + " with this id");
        }
        return raw;
    }

    /** The optional {@code Idempotency-Key} header: 1 to 128 visible ASCII characters. */
    static Optional<String> idempotencyKey(Optional<String> header) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String key = header.get().strip();
        if (key.isEmpty()
                || key.length() > MAX_IDEMPOTENCY_KEY
                || !VISIBLE_ASCII.matcher(key).matches()) {
            throw ApiException.invalid("Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY
                    + " visible ASCII characters (a UUID is a good choice)");
        }
        return Optional.of(key);
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case STRING -> "a string";
            default -> "that";
        };
    }

    private static String quoted(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return Json.write(shown);
    }
}
