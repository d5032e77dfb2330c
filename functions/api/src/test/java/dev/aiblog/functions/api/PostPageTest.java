package dev.aiblog.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.Post;
import dev.aiblog.core.model.PostOptions;
import dev.aiblog.core.model.TokenUsage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GET /p/{id}: the shareable HTML page of a post, with everything from the post escaped. */
class PostPageTest {
    static final String HOSTILE_TITLE = "<script>alert('title')</script> & \"friends\"";
    static ApiHandler handler;
    static String hostileId;

    @BeforeAll
    static void start() {
        handler = new ApiHandler(PostReadersTest.settingsWith(Map.of("WEB_APP_URL", "https://app.example.com/")));
        hostileId = UUID.randomUUID().toString();
        publish(
                hostileId,
                HOSTILE_TITLE,
                "Summary with <img src=x onerror=alert(1)> inside",
                List.of("<b>tag</b>", "safe"),
                """
                        ## A subheading

                        Some *text* with `inline <code>` and a [bad link](javascript:alert(1)) and a [good one](https://example.com/a?b=1&c=2).

                        <script>alert('body')</script>

                        <div onclick="alert(1)">raw html</div>

                        | a | b | c |
                        |---|---|---|
                        | 1 | 2 | 3 |

                        ```
                        if (a < b) { return "</pre>"; }
                        ```
                        """);
    }

    static void publish(String id, String title, String summary, List<String> tags, String markdown) {
        var requests = TestData.requests();
        requests.create(BlogRequest.queued(id, "author", "topic", PostOptions.DEFAULT, Instant.now()));
        var content = TestData.content();
        String bodyKey = content.putBody(id, markdown);
        String imageKey = content.putImage(id, new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png");
        Post post = new Post(
                id,
                id,
                title,
                summary,
                tags,
                bodyKey,
                imageKey,
                4,
                "gpt-4.1-mini",
                "gpt-image-1",
                TokenUsage.text(10, 10),
                new TokenUsage(0, 0, 1),
                BigDecimal.ONE,
                "openai",
                false,
                Instant.parse("2026-11-24T16:04:06Z"),
                0);
        TestData.blogs().publish(post);
    }

    static HttpApiResponse page(String id) {
        return handler.handle(Events.request("GET", "/p/" + id)
                .domain("abc123.execute-api.eu-west-1.amazonaws.com", "$default")
                .header("x-forwarded-proto", "https")
                .build());
    }

    static String meta(String html, String key) {
        Matcher m = Pattern.compile("<meta (?:property|name)=\"" + Pattern.quote(key) + "\" content=\"([^\"]*)\">")
                .matcher(html);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void escapesEverythingThatComesFromThePost() {
        HttpApiResponse response = page(hostileId);
        String html = response.body();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(html)
                .doesNotContainIgnoringCase("<script")
                .doesNotContain("<img src=x")
                .doesNotContain("<div onclick")
                .doesNotContain("javascript:")
                .doesNotContain("<b>tag</b>");
        assertThat(html)
                .contains("<h1>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; &quot;friends&quot;</h1>");
        assertThat(html)
                .contains(
                        "<title>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; &quot;friends&quot; · AI Blog</title>");
        assertThat(meta(html, "og:title"))
                .isEqualTo("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; &quot;friends&quot;");
        assertThat(html).contains("&lt;script&gt;alert('body')&lt;/script&gt;").contains("#&lt;b&gt;tag&lt;/b&gt;");
        assertThat(html).contains("<code>inline &lt;code&gt;</code>").contains("&lt;/pre&gt;");
    }

    @Test
    void rendersTheBodyForReading() {
        String html = page(hostileId).body();

        assertThat(html).contains("<h2>A subheading</h2>").contains("<em>text</em>");
        assertThat(html).contains("<a rel=\"nofollow noopener noreferrer\" href=\"\">bad link</a>");
        assertThat(html)
                .contains(
                        "<a rel=\"nofollow noopener noreferrer\" href=\"https://example.com/a?b=1&amp;c=2\">good one</a>");
        assertThat(html).contains("<th>a</th>").contains("<td>3</td>");
        assertThat(html).contains("<p class=\"summary\">Summary with &lt;img src=x onerror=alert(1)&gt; inside</p>");
    }

    @Test
    void describesThePostForLinkPreviewsAndOpensItInTheApp() {
        String html = page(hostileId).body();
        String url = "https://abc123.execute-api.eu-west-1.amazonaws.com/p/" + hostileId;

        assertThat(meta(html, "og:url")).isEqualTo(url);
        assertThat(html).contains("<link rel=\"canonical\" href=\"" + url + "\">");
        assertThat(meta(html, "og:type")).isEqualTo("article");
        assertThat(meta(html, "og:description")).isEqualTo("Summary with &lt;img src=x onerror=alert(1)&gt; inside");
        assertThat(meta(html, "og:image")).contains(hostileId).contains("X-Amz-Signature=");
        assertThat(meta(html, "twitter:card")).isEqualTo("summary_large_image");
        assertThat(meta(html, "article:published_time")).isEqualTo("2026-11-24T16:04:06Z");
        assertThat(meta(html, "al:android:url")).isEqualTo("aiblog://post/" + hostileId);
        assertThat(html).contains("<time datetime=\"2026-11-24T16:04:06Z\">November 24, 2026</time> · 4 min read");
        assertThat(html)
                .contains("<a class=\"button\" href=\"aiblog://post/" + hostileId + "\">Open in the AI Blog app</a>");
        assertThat(html)
                .contains("<a class=\"button secondary\" href=\"https://app.example.com/post/" + hostileId + "\">");
        assertThat(html).contains("<img class=\"hero\" src=\"").contains("alt=\"Illustration for &lt;script&gt;");
    }

    @Test
    void answersWithHtmlThatMayRunNoScript() {
        Map<String, String> headers = page(hostileId).headers();

        assertThat(headers)
                .containsEntry("content-type", "text/html; charset=utf-8")
                .containsEntry("x-content-type-options", "nosniff");
        assertThat(headers.get("content-security-policy"))
                .startsWith("default-src 'none'")
                .doesNotContain("script-src");
        assertThat(headers.get("cache-control")).isEqualTo("public, max-age=300");
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-such-post", "%3Cscript%3E", "a.b"})
    void anUnknownOrMalformedIdIsAnHtml404(String id) {
        HttpApiResponse response = page(id);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers())
                .containsEntry("content-type", "text/html; charset=utf-8")
                .containsEntry("cache-control", "no-store");
        assertThat(response.body())
                .contains("<h1>This post doesn’t exist</h1>")
                .contains("href=\"aiblog://\"")
                .doesNotContainIgnoringCase("<script");
    }

    @Test
    void otherMethodsAreRefusedWithTheApisError() {
        var response = handler.handle(Events.request("POST", "/p/" + hostileId).build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers()).containsEntry("allow", "GET, OPTIONS");
    }
}
