package dev.aiblog.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Paging through 120 posts: each exactly once, newest first, with or without a tag. */
class FeedPagingTest {
    static final int POSTS = 120;
    static ApiHandler handler;
    static List<String> newestFirst;
    static List<String> taggedNewestFirst;

    @BeforeAll
    static void publish() {
        TestAws.aws().reset();
        handler = new ApiHandler(TestAws.settings());
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<Map.Entry<String, Instant>> published = new ArrayList<>();
        List<String> tagged = new ArrayList<>();
        for (int i = 0; i < POSTS; i++) {
            String id = UUID.randomUUID().toString();
            // two posts share each timestamp: the id breaks the tie, so the order is still total
            Instant at = start.plusSeconds(60L * (i / 2));
            List<String> tags = i % 3 == 0 ? List.of("Java", "serverless") : List.of("serverless");
            TestData.publish(id, "Post number " + i, tags, at);
            published.add(Map.entry(id, at));
            if (i % 3 == 0) {
                tagged.add(id);
            }
        }
        Comparator<Map.Entry<String, Instant>> newest =
                Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey());
        newestFirst = published.stream()
                .sorted(newest.reversed())
                .map(Map.Entry::getKey)
                .toList();
        taggedNewestFirst = newestFirst.stream().filter(tagged::contains).toList();
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {1, 7, 20, 50})
    void returnsEveryPostExactlyOnceNewestFirst(int limit) {
        List<String> seen = pageThrough(limit, null);

        assertThat(seen).hasSize(POSTS).doesNotHaveDuplicates().containsExactlyElementsOf(newestFirst);
    }

    @Test
    void pagesThroughOneTagOnly() {
        List<String> seen = pageThrough(9, "JAVA");

        assertThat(seen).hasSize(POSTS / 3).containsExactlyElementsOf(taggedNewestFirst);
    }

    @Test
    void defaultPageIsTwentyWithItemsAsTheContractSays() {
        JsonNode page = RoutesTest.json(call(null, null, null));

        assertThat(page.get("items")).hasSize(20);
        JsonNode item = page.get("items").get(0);
        assertThat(RoutesTest.fieldNames(item))
                .containsExactly(
                        "id",
                        "title",
                        "summary",
                        "tags",
                        "imageUrl",
                        "publishedAt",
                        "readingTimeMinutes",
                        "likes",
                        "offline");
        assertThat(item.get("imageUrl").asText()).contains("X-Amz-Signature=");
        assertThat(page.get("nextCursor").isTextual()).isTrue();
    }

    @Test
    void aCursorOfOneTagIsRefusedForAnother() {
        String cursor = RoutesTest.json(call(5, null, "java")).get("nextCursor").asText();

        var response = handler.handle(Events.request("GET", "/feed")
                .query("cursor", cursor)
                .query("tag", "serverless")
                .build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RoutesTest.json(response).at("/error/code").asText()).isEqualTo("INVALID_CURSOR");
    }

    private static List<String> pageThrough(int limit, String tag) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var response = call(limit, cursor, tag);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode page = RoutesTest.json(response);
            assertThat(page.get("items").size()).isLessThanOrEqualTo(limit);
            page.get("items").forEach(item -> seen.add(item.get("id").asText()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asText();
            assertThat(++pages).as("pages").isLessThanOrEqualTo(POSTS + 1);
        } while (cursor != null);
        return seen;
    }

    private static HttpApiResponse call(Integer limit, String cursor, String tag) {
        Events request = Events.request("GET", "/feed");
        if (limit != null) {
            request.query("limit", limit.toString());
        }
        if (cursor != null) {
            request.query("cursor", cursor);
        }
        if (tag != null) {
            request.query("tag", tag);
        }
        return handler.handle(request.build());
    }
}
