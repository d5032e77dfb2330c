package dev.aiblog.local.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aiblog.core.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A test double of the OpenAI HTTP API on loopback: {@code /v1/chat/completions}, {@code /v1/images/generations}
 * and {@code /v1/moderations}, answering as the real API does, so the real OpenAI Java SDK is exercised over
 * HTTP. Each endpoint answers from a script of queued replies first, then with its default reply; every request
 * is recorded.
 */
public final class OpenAiDouble implements AutoCloseable {
    public static final String CHAT = "/v1/chat/completions";
    public static final String IMAGES = "/v1/images/generations";
    public static final String MODERATIONS = "/v1/moderations";

    /** A 1×1 PNG. */
    public static final byte[] PNG = Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static final List<String> CATEGORIES = List.of(
            "harassment",
            "harassment/threatening",
            "hate",
            "hate/threatening",
            "illicit",
            "illicit/violent",
            "self-harm",
            "self-harm/instructions",
            "self-harm/intent",
            "sexual",
            "sexual/minors",
            "violence",
            "violence/graphic");

    /** One scripted reply. */
    public record Reply(int status, String body, Map<String, String> headers) {
        public static Reply json(int status, String body) {
            return new Reply(status, body, Map.of());
        }
    }

    /** A request the double received. */
    public record Received(String path, JsonNode body, String authorization) {}

    private final HttpServer server;
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile List<String> flaggedWords = List.of();
    private volatile java.time.Duration delay = java.time.Duration.ZERO;
    private final Map<String, java.time.Duration> pathDelays = new java.util.concurrent.ConcurrentHashMap<>();

    public OpenAiDouble() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** The base URL to give the SDK ({@code OPENAI_BASE_URL}). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public OpenAiDouble enqueue(String path, Reply reply) {
        scripts.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).add(reply);
        return this;
    }

    public OpenAiDouble enqueue(String path, Reply reply, int times) {
        for (int i = 0; i < times; i++) {
            enqueue(path, reply);
        }
        return this;
    }

    /** Moderation flags (as "violence") any input containing one of these words. */
    public OpenAiDouble flagWords(String... words) {
        flaggedWords = List.of(words);
        return this;
    }

    /** Every answer waits this long first, like a slow model. */
    public OpenAiDouble delay(java.time.Duration d) {
        delay = d;
        return this;
    }

    /** Answers to {@code path} wait this long first (instead of {@link #delay}), like one slow model. */
    public OpenAiDouble delay(String path, java.time.Duration d) {
        pathDelays.put(path, d);
        return this;
    }

    public void reset() {
        delay = java.time.Duration.ZERO;
        pathDelays.clear();
        scripts.clear();
        received.clear();
        flaggedWords = List.of();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    public static Reply rateLimited() {
        return new Reply(
                429,
                error("Rate limit reached for requests", "requests", "rate_limit_exceeded"),
                Map.of("retry-after", "1"));
    }

    public static Reply serverError() {
        return Reply.json(500, error("The server had an error while processing your request.", "server_error", null));
    }

    /** A chat completion whose message content is {@code content} (for malformed structured output). */
    public static Reply chatContent(String content) {
        return Reply.json(200, chatCompletion(content));
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body =
                    raw.length == 0 ? Json.mapper().nullNode() : Json.mapper().readTree(raw);
            received.add(new Received(path, body, exchange.getRequestHeaders().getFirst("Authorization")));
            java.time.Duration wait = pathDelays.getOrDefault(path, delay);
            if (!wait.isZero()) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Deque<Reply> script = scripts.get(path);
            Reply reply = script == null ? null : script.poll();
            if (reply == null) {
                reply = switch (path) {
                    case CHAT -> Reply.json(200, chatCompletion(draftFor(body)));
                    case IMAGES -> Reply.json(200, images());
                    case MODERATIONS -> Reply.json(200, moderation(body));
                    default -> Reply.json(404, error("Unknown path " + path, "invalid_request_error", null));
                };
            }
            send(exchange, reply);
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String draftFor(JsonNode request) {
        String prompt = request.path("messages").path(1).path("content").asText("");
        String topic = prompt.lines()
                .filter(l -> l.startsWith("Topic: "))
                .map(l -> l.substring(7))
                .findFirst()
                .orElse("a topic");
        ObjectNode draft = Json.mapper().createObjectNode();
        draft.put("title", "A practical guide to " + topic);
        draft.put("summary", "What " + topic + " is, why it matters, and how to start.");
        draft.put(
                "body",
                "## Why it matters\n\n" + topic
                        + " matters because it is the test topic.\n\n## How to start\n\n- Read\n- Try\n- Share\n");
        draft.putArray("tags").add("testing").add("guides");
        draft.put("imagePrompt", "A clean illustration of " + topic);
        return Json.write(draft);
    }

    private static String chatCompletion(String content) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("id", "chatcmpl-double");
        root.put("object", "chat.completion");
        root.put("created", 1_764_000_000L);
        root.put("model", "gpt-4.1-mini-2025-04-14");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        message.putNull("refusal");
        message.putArray("annotations");
        choice.put("finish_reason", "stop");
        choice.putNull("logprobs");
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", 180);
        usage.put("completion_tokens", 950);
        usage.put("total_tokens", 1130);
        return Json.write(root);
    }

    private static String images() {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("created", 1_764_000_000L);
        root.putArray("data").addObject().put("b64_json", Base64.getEncoder().encodeToString(PNG));
        ObjectNode usage = root.putObject("usage");
        usage.put("input_tokens", 40);
        usage.put("output_tokens", 272);
        usage.put("total_tokens", 312);
        usage.putObject("input_tokens_details").put("image_tokens", 0).put("text_tokens", 40);
        return Json.write(root);
    }

    private String moderation(JsonNode request) {
        String input = request.path("input").isArray()
                ? request.path("input").toString()
                : request.path("input").asText("");
        boolean flagged =
                flaggedWords.stream().anyMatch(w -> input.toLowerCase().contains(w.toLowerCase()));
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("id", "modr-double");
        root.put("model", request.path("model").asText("omni-moderation-latest"));
        ArrayNode results = root.putArray("results");
        ObjectNode result = results.addObject();
        result.put("flagged", flagged);
        ObjectNode categories = result.putObject("categories");
        ObjectNode scores = result.putObject("category_scores");
        ObjectNode applied = result.putObject("category_applied_input_types");
        for (String category : CATEGORIES) {
            boolean hit = flagged && category.equals("violence");
            categories.put(category, hit);
            scores.put(category, hit ? 0.97 : 0.001);
            applied.putArray(category).add("text");
        }
        return Json.write(root);
    }

    private static String error(String message, String type, String code) {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return Json.write(root);
    }
}
