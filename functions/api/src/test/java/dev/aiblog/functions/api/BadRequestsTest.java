package dev.aiblog.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.aws.store.DynamoDbRequests;
import dev.aiblog.core.Json;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.PostOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Everything a client can get wrong: each bad request gets its 4xx and error code, and a message naming the
 * field at fault; none gets a 5xx.
 */
class BadRequestsTest {
    static final String OTHERS_REQUEST = "0a1b2c3d-other-users-request";
    static final String FEED_POSITION = "2026-11-24T16:04:06Z#3b8e1f42-9c6d-4a0e-8f25-61d7c4a9e0b3";

    static ApiHandler handler;

    @BeforeAll
    static void start() {
        handler = new ApiHandler(TestAws.settings());
        new DynamoDbRequests(TestAws.aws().dynamoDb(), TestAws.settings().requestsTable(), Clock.systemUTC())
                .create(BlogRequest.queued(
                        OTHERS_REQUEST, "someone-else", "a topic of theirs", PostOptions.DEFAULT, Instant.now()));
    }

    static Stream<Arguments> badRequests() {
        String longTopic = "x".repeat(201);
        CursorCodec codec = new CursorCodec(TestAws.cursorKey());
        CursorCodec otherKey = new CursorCodec("another-key-another-key-another-key".getBytes(StandardCharsets.UTF_8));
        String b64 = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"v\":1,\"t\":null,\"k\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        return Stream.of(
                // auth
                row("submit without a token", post().body(topic("A fine topic")), 401, "UNAUTHORIZED", "sign in"),
                row(
                        "submit with a blank sub",
                        post().as(" ").body(topic("A fine topic")),
                        401,
                        "UNAUTHORIZED",
                        "sign in"),
                row(
                        "request status without a token",
                        Events.request("GET", "/requests/abc"),
                        401,
                        "UNAUTHORIZED",
                        "sign in"),
                row("like without a token", Events.request("POST", "/blogs/abc/likes"), 401, "UNAUTHORIZED", "sign in"),
                row(
                        "unlike without a token",
                        Events.request("DELETE", "/blogs/abc/likes"),
                        401,
                        "UNAUTHORIZED",
                        "sign in"),
                // body: not JSON, or not an object
                row("no body", post().asUser(), 400, "INVALID_JSON", "body"),
                row("empty body", post().asUser().body(""), 400, "INVALID_JSON", "body"),
                row("blank body", post().asUser().body("  \n "), 400, "INVALID_JSON", "body"),
                row("form-encoded body", post().asUser().body("topic=hello+world"), 400, "INVALID_JSON", "JSON"),
                row(
                        "truncated JSON",
                        post().asUser().body("{\"topic\": \"A fine topic\""),
                        400,
                        "INVALID_JSON",
                        "JSON"),
                row(
                        "trailing garbage",
                        post().asUser().body("{\"topic\": \"A fine topic\"} {}"),
                        400,
                        "INVALID_JSON",
                        "JSON"),
                row(
                        "duplicate field",
                        post().asUser().body("{\"topic\": \"A fine topic\", \"topic\": \"another\"}"),
                        400,
                        "INVALID_JSON",
                        "topic"),
                row("bad base64 body", post().asUser().base64Body("!!not base64!!"), 400, "INVALID_JSON", "base64"),
                row(
                        "base64 body that is not UTF-8",
                        post().asUser()
                                .base64Body(Base64.getEncoder().encodeToString(new byte[] {(byte) 0xC3, (byte) 0x28})),
                        400,
                        "INVALID_JSON",
                        "UTF-8"),
                row(
                        "JSON array body",
                        post().asUser().body("[{\"topic\": \"A fine topic\"}]"),
                        400,
                        "VALIDATION_FAILED",
                        "body"),
                row("JSON string body", post().asUser().body("\"A fine topic\""), 400, "VALIDATION_FAILED", "body"),
                row("JSON null body", post().asUser().body("null"), 400, "VALIDATION_FAILED", "body"),
                row(
                        "oversized body",
                        post().asUser().body("{\"topic\": \"" + "y".repeat(20_000) + "\"}"),
                        413,
                        "PAYLOAD_TOO_LARGE",
                        "body"),
                // topic
                row("missing topic", post().asUser().body("{}"), 400, "VALIDATION_FAILED", "topic"),
                row("null topic", post().asUser().body("{\"topic\": null}"), 400, "VALIDATION_FAILED", "topic"),
                row("numeric topic", post().asUser().body("{\"topic\": 42}"), 400, "VALIDATION_FAILED", "topic"),
                row("boolean topic", post().asUser().body("{\"topic\": true}"), 400, "VALIDATION_FAILED", "topic"),
                row(
                        "array topic",
                        post().asUser().body("{\"topic\": [\"a topic\"]}"),
                        400,
                        "VALIDATION_FAILED",
                        "topic"),
                row(
                        "object topic",
                        post().asUser().body("{\"topic\": {\"text\": \"a topic\"}}"),
                        400,
                        "VALIDATION_FAILED",
                        "topic"),
                row("empty topic", post().asUser().body(topic("")), 400, "VALIDATION_FAILED", "topic"),
                row("blank topic", post().asUser().body(topic("    ")), 400, "VALIDATION_FAILED", "topic"),
                row("two-character topic", post().asUser().body(topic("  ab  ")), 400, "VALIDATION_FAILED", "topic"),
                row("201-character topic", post().asUser().body(topic(longTopic)), 400, "VALIDATION_FAILED", "topic"),
                row(
                        "topic with a control character",
                        post().asUser().body(topic("abc\u0007def")),
                        400,
                        "VALIDATION_FAILED",
                        "topic"),
                // options
                row(
                        "unknown audience",
                        post().asUser().body("{\"topic\": \"A fine topic\", \"audience\": \"kids\"}"),
                        400,
                        "VALIDATION_FAILED",
                        "audience"),
                row(
                        "numeric audience",
                        post().asUser().body("{\"topic\": \"A fine topic\", \"audience\": 1}"),
                        400,
                        "VALIDATION_FAILED",
                        "audience"),
                row(
                        "unknown tone",
                        post().asUser().body("{\"topic\": \"A fine topic\", \"tone\": \"angry\"}"),
                        400,
                        "VALIDATION_FAILED",
                        "tone"),
                row(
                        "object tone",
                        post().asUser().body("{\"topic\": \"A fine topic\", \"tone\": {}}"),
                        400,
                        "VALIDATION_FAILED",
                        "tone"),
                row(
                        "unknown length",
                        post().asUser().body("{\"topic\": \"A fine topic\", \"length\": \"huge\"}"),
                        400,
                        "VALIDATION_FAILED",
                        "length"),
                row(
                        "upper-case length",
                        post().asUser().body("{\"topic\": \"A fine topic\", \"length\": \"SHORT\"}"),
                        400,
                        "VALIDATION_FAILED",
                        "length"),
                row(
                        "unknown field",
                        post().asUser().body("{\"topic\": \"A fine topic\", \"title\": \"mine\"}"),
                        400,
                        "VALIDATION_FAILED",
                        "title"),
                // idempotency key
                row(
                        "empty Idempotency-Key",
                        post().asUser().header("idempotency-key", " ").body(topic("A fine topic")),
                        400,
                        "VALIDATION_FAILED",
                        "Idempotency-Key"),
                row(
                        "oversized Idempotency-Key",
                        post().asUser()
                                .header("idempotency-key", "k".repeat(129))
                                .body(topic("A fine topic")),
                        400,
                        "VALIDATION_FAILED",
                        "Idempotency-Key"),
                row(
                        "Idempotency-Key with spaces",
                        post().asUser().header("idempotency-key", "my key").body(topic("A fine topic")),
                        400,
                        "VALIDATION_FAILED",
                        "Idempotency-Key"),
                // feed: limit
                row("limit 0", feed().query("limit", "0"), 400, "VALIDATION_FAILED", "limit"),
                row("limit 51", feed().query("limit", "51"), 400, "VALIDATION_FAILED", "limit"),
                row("negative limit", feed().query("limit", "-1"), 400, "VALIDATION_FAILED", "limit"),
                row("word limit", feed().query("limit", "ten"), 400, "VALIDATION_FAILED", "limit"),
                row("fractional limit", feed().query("limit", "1.5"), 400, "VALIDATION_FAILED", "limit"),
                row("empty limit", feed().query("limit", ""), 400, "VALIDATION_FAILED", "limit"),
                row("huge limit", feed().query("limit", "99999999999999999999"), 400, "VALIDATION_FAILED", "limit"),
                row("repeated limit", feed().query("limit", "5,10"), 400, "VALIDATION_FAILED", "limit"),
                // feed: cursor and tag
                row("garbled cursor", feed().query("cursor", "not-a-cursor"), 400, "INVALID_CURSOR", "cursor"),
                row("empty cursor", feed().query("cursor", ""), 400, "INVALID_CURSOR", "cursor"),
                row("cursor with bad base64", feed().query("cursor", "***.***"), 400, "INVALID_CURSOR", "cursor"),
                row(
                        "unsigned cursor",
                        feed().query("cursor", b64 + ".AAAAAAAAAAAAAAAAAAAAAA"),
                        400,
                        "INVALID_CURSOR",
                        "cursor"),
                row(
                        "cursor signed with another key",
                        feed().query("cursor", otherKey.encode(null, FEED_POSITION)),
                        400,
                        "INVALID_CURSOR",
                        "cursor"),
                row(
                        "cursor with its payload altered",
                        feed().query("cursor", tamper(codec.encode(null, FEED_POSITION))),
                        400,
                        "INVALID_CURSOR",
                        "cursor"),
                row(
                        "cursor of another tag",
                        feed().query("tag", "rust").query("cursor", codec.encode("java", FEED_POSITION)),
                        400,
                        "INVALID_CURSOR",
                        "tag"),
                row(
                        "tag cursor without the tag",
                        feed().query("cursor", codec.encode("java", FEED_POSITION)),
                        400,
                        "INVALID_CURSOR",
                        "tag"),
                row(
                        "cursor with a bad position",
                        feed().query("cursor", codec.encode(null, "yesterday")),
                        400,
                        "INVALID_CURSOR",
                        "cursor"),
                row("oversized cursor", feed().query("cursor", "a".repeat(2000)), 400, "INVALID_CURSOR", "cursor"),
                row("empty tag", feed().query("tag", " "), 400, "VALIDATION_FAILED", "tag"),
                row("oversized tag", feed().query("tag", "t".repeat(51)), 400, "VALIDATION_FAILED", "tag"),
                // unknown ids
                row(
                        "unknown request",
                        Events.request("GET", "/requests/no-such-request").asUser(),
                        404,
                        "NOT_FOUND",
                        "request"),
                row(
                        "another user's request",
                        Events.request("GET", "/requests/" + OTHERS_REQUEST).asUser(),
                        404,
                        "NOT_FOUND",
                        "request"),
                row(
                        "request id with a slash",
                        Events.request("GET", "/requests/..%2F..%2Fetc").asUser(),
                        404,
                        "NOT_FOUND",
                        "request"),
                row(
                        "oversized request id",
                        Events.request("GET", "/requests/" + "r".repeat(300)).asUser(),
                        404,
                        "NOT_FOUND",
                        "request"),
                row("unknown blog", Events.request("GET", "/blogs/no-such-blog"), 404, "NOT_FOUND", "blog"),
                row(
                        "blog id with odd characters",
                        Events.request("GET", "/blogs/%E2%98%83%00"),
                        404,
                        "NOT_FOUND",
                        "blog"),
                row(
                        "like an unknown blog",
                        Events.request("POST", "/blogs/no-such-blog/likes").asUser(),
                        404,
                        "NOT_FOUND",
                        "blog"),
                row(
                        "unlike an unknown blog",
                        Events.request("DELETE", "/blogs/no-such-blog/likes").asUser(),
                        404,
                        "NOT_FOUND",
                        "blog"),
                // routes and methods
                row("unknown route", Events.request("GET", "/nope"), 404, "NOT_FOUND", "/nope"),
                row("root", Events.request("GET", "/"), 404, "NOT_FOUND", "route"),
                row("trailing slash on blogs", Events.request("GET", "/blogs/"), 404, "NOT_FOUND", "blog"),
                row("too deep a path", Events.request("GET", "/blogs/a/likes/b"), 404, "NOT_FOUND", "route"),
                row("PUT on blogs", Events.request("PUT", "/blogs").asUser(), 405, "METHOD_NOT_ALLOWED", "POST"),
                row("DELETE on feed", Events.request("DELETE", "/feed"), 405, "METHOD_NOT_ALLOWED", "GET"),
                row("PATCH on a blog", Events.request("PATCH", "/blogs/abc"), 405, "METHOD_NOT_ALLOWED", "GET"),
                row(
                        "GET on likes",
                        Events.request("GET", "/blogs/abc/likes").asUser(),
                        405,
                        "METHOD_NOT_ALLOWED",
                        "DELETE"),
                row(
                        "POST on a request",
                        Events.request("POST", "/requests/abc").asUser(),
                        405,
                        "METHOD_NOT_ALLOWED",
                        "GET"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void answersWithItsClientError(String name, Events request, int status, String code, String mentions) {
        HttpApiResponse response = handler.handle(request.build());

        assertThat(response.statusCode()).as(name).isEqualTo(status).isBetween(400, 499);
        assertThat(response.headers()).containsEntry("content-type", "application/json");
        JsonNode error = Json.read(response.body(), JsonNode.class).get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText())
                .contains(mentions)
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(Json.read(response.body(), JsonNode.class).size()).isEqualTo(1);
    }

    @org.junit.jupiter.api.Test
    void listsAtLeastThirtyBadRequests() {
        assertThat(badRequests().count()).isGreaterThanOrEqualTo(30);
    }

    private static Arguments row(String name, Events request, int status, String code, String mentions) {
        return Arguments.of(name, request, status, code, mentions);
    }

    private static Events post() {
        return Events.request("POST", "/blogs");
    }

    private static Events feed() {
        return Events.request("GET", "/feed");
    }

    private static String topic(String topic) {
        return Json.write(java.util.Map.of("topic", topic));
    }

    /** Flips a character of the payload part, keeping it valid base64url. */
    private static String tamper(String cursor) {
        char[] chars = cursor.toCharArray();
        chars[2] = chars[2] == 'A' ? 'B' : 'A';
        return new String(chars);
    }
}
