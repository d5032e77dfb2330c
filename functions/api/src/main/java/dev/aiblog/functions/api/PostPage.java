package dev.aiblog.functions.api;

import dev.aiblog.core.model.Post;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The shareable page of a post ({@code GET /p/{id}}): a small HTML document for people without the app and for
 * link previews (Open Graph and Twitter card tags), with a link that opens the post in the app.
 *
 * <p>Everything from the post is escaped: text and attribute values through {@link #escape}, and the markdown body
 * through commonmark with raw HTML escaped and link and image URLs limited to safe schemes. The response's
 * Content-Security-Policy allows no script at all, so a mistake here still runs nothing.
 */
final class PostPage {
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final String SITE = "AI Blog";
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser MARKDOWN =
            Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .attributeProviderFactory(context -> (node, tagName, attributes) -> {
                if (node instanceof Link) {
                    attributes.put("rel", "nofollow noopener noreferrer");
                }
                if (node instanceof Image) {
                    attributes.put("loading", "lazy");
                }
            })
            .build();

    private PostPage() {}

    /** What the page shows besides the post: where it lives and how to open it elsewhere. */
    record Links(String pageUrl, String appUrl, String webAppUrl) {}

    static String render(Post post, String markdownBody, String imageUrl, Links links) {
        String title = escape(post.title());
        String summary = escape(post.summary());
        StringBuilder head = new StringBuilder();
        head.append("<title>").append(title).append(" · ").append(SITE).append("</title>\n");
        meta(head, "name", "description", post.summary());
        head.append("<link rel=\"canonical\" href=\"")
                .append(escape(links.pageUrl()))
                .append("\">\n");
        meta(head, "property", "og:site_name", SITE);
        meta(head, "property", "og:type", "article");
        meta(head, "property", "og:title", post.title());
        meta(head, "property", "og:description", post.summary());
        meta(head, "property", "og:url", links.pageUrl());
        if (post.publishedAt() != null) {
            meta(head, "property", "article:published_time", post.publishedAt().toString());
        }
        for (String tag : post.tags()) {
            meta(head, "property", "article:tag", tag);
        }
        meta(head, "name", "twitter:card", imageUrl == null ? "summary" : "summary_large_image");
        meta(head, "name", "twitter:title", post.title());
        meta(head, "name", "twitter:description", post.summary());
        if (imageUrl != null) {
            meta(head, "property", "og:image", imageUrl);
            meta(head, "property", "og:image:alt", "Illustration for " + post.title());
            meta(head, "name", "twitter:image", imageUrl);
        }
        // App Links: apps and some crawlers read these to open the post in the app.
        meta(head, "property", "al:ios:url", links.appUrl());
        meta(head, "property", "al:ios:app_name", SITE);
        meta(head, "property", "al:android:url", links.appUrl());
        meta(head, "property", "al:android:package", "dev.aiblog.mobile");
        meta(head, "property", "al:android:app_name", SITE);

        StringBuilder body = new StringBuilder();
        body.append("<article>\n<header>\n<p class=\"site\">").append(SITE).append("</p>\n");
        body.append("<h1>").append(title).append("</h1>\n<p class=\"meta\">");
        if (post.publishedAt() != null) {
            body.append("<time datetime=\"")
                    .append(escape(post.publishedAt().toString()))
                    .append("\">")
                    .append(escape(DATE.format(post.publishedAt())))
                    .append("</time> · ");
        }
        body.append(Math.max(1, post.readingTimeMinutes())).append(" min read</p>\n");
        if (!post.tags().isEmpty()) {
            body.append("<ul class=\"tags\" aria-label=\"Tags\">");
            post.tags().forEach(tag -> body.append("<li>#").append(escape(tag)).append("</li>"));
            body.append("</ul>\n");
        }
        body.append("</header>\n");
        if (imageUrl != null) {
            body.append("<img class=\"hero\" src=\"")
                    .append(escape(imageUrl))
                    .append("\" alt=\"Illustration for ")
                    .append(title)
                    .append("\" width=\"1024\" height=\"1024\">\n");
        }
        body.append("<p class=\"summary\">").append(summary).append("</p>\n");
        body.append("<div class=\"body\">\n")
                .append(HTML.render(MARKDOWN.parse(markdownBody == null ? "" : markdownBody)))
                .append("</div>\n");
        if (post.offline()) {
            body.append(
                    "<p class=\"note\">This is a sample post: the offline stand-in wrote it, not an AI model.</p>\n");
        }
        body.append("</article>\n");
        body.append(openIn(links));
        return document("en", head.toString(), body.toString());
    }

    /** The 404 page: what happened, and where to go instead. */
    static String notFound(Links links) {
        String head = "<title>Post not found · " + SITE + "</title>\n<meta name=\"robots\" content=\"noindex\">\n";
        String body =
                "<article>\n<header>\n<p class=\"site\">" + SITE + "</p>\n<h1>This post doesn’t exist</h1>\n</header>\n"
                        + "<p class=\"summary\">The link may be mistyped, or the post was removed.</p>\n</article>\n"
                        + openIn(links);
        return document("en", head, body);
    }

    private static String openIn(Links links) {
        StringBuilder out = new StringBuilder("<footer>\n<a class=\"button\" href=\"")
                .append(escape(links.appUrl()))
                .append("\">Open in the ")
                .append(SITE)
                .append(" app</a>\n");
        if (links.webAppUrl() != null) {
            out.append("<a class=\"button secondary\" href=\"")
                    .append(escape(links.webAppUrl()))
                    .append("\">Read it in the web app</a>\n");
        }
        return out.append("</footer>\n").toString();
    }

    private static void meta(StringBuilder head, String attribute, String name, String content) {
        head.append("<meta ")
                .append(attribute)
                .append("=\"")
                .append(escape(name))
                .append("\" content=\"")
                .append(escape(content == null ? "" : content))
                .append("\">\n");
    }

    private static String document(String lang, String head, String body) {
        return "<!doctype html>\n<html lang=\"" + lang + "\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"color-scheme\" content=\"light dark\">\n" + head + "<style>" + STYLE
                + "</style>\n</head>\n"
                + "<body>\n<main>\n" + body + "</main>\n</body>\n</html>\n";
    }

    /** Text and attribute values: the five characters that mean something in HTML. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The app's reading typography: a 680 px column, a serif body, both themes. */
    private static final String STYLE = """
            :root{--bg:#fff;--text:#1a1d21;--muted:#5b6470;--border:#dde1e7;--code:#f1f3f6;--link:#1d4fc4;--accent:#2457d6;--on-accent:#fff}
            @media (prefers-color-scheme:dark){:root{--bg:#0d1117;--text:#e6edf3;--muted:#9aa6b2;--border:#2d3540;--code:#1b222c;--link:#8ab4ff;--accent:#6e9bff;--on-accent:#0d1117}}
            *{box-sizing:border-box}
            body{margin:0;background:var(--bg);color:var(--text);font:18px/1.65 Charter,"Bitstream Charter","Sitka Text",Cambria,Georgia,serif}
            main{max-width:680px;margin:0 auto;padding:24px 20px 48px}
            .site{font:600 14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--muted);margin:0 0 12px;letter-spacing:.02em}
            h1{font:700 32px/1.2 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 0 8px}
            .meta{font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--muted);margin:0}
            .tags{list-style:none;display:flex;flex-wrap:wrap;gap:4px 12px;padding:0;margin:8px 0 0;font:14px system-ui,sans-serif;color:var(--muted)}
            .hero{display:block;width:100%;height:auto;aspect-ratio:16/9;object-fit:cover;border-radius:12px;margin:24px 0 8px;background:var(--code)}
            .summary{font-size:20px;color:var(--muted);margin:16px 0}
            .body h1,.body h2,.body h3,.body h4{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.3;margin:1.6em 0 .4em}
            .body h1{font-size:24px}.body h2{font-size:22px}.body h3{font-size:19px}.body h4{font-size:17px}
            a{color:var(--link);text-decoration:underline;text-underline-offset:2px}
            code{font:.85em/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--code);padding:.1em .35em;border-radius:4px}
            pre{background:var(--code);padding:14px 16px;border-radius:8px;overflow-x:auto}
            pre code{padding:0;background:none;font-size:14px}
            blockquote{margin:1em 0;padding:0 0 0 16px;border-left:3px solid var(--border);color:var(--muted)}
            table{border-collapse:collapse;display:block;overflow-x:auto;font:15px/1.4 system-ui,sans-serif}
            th,td{border:1px solid var(--border);padding:6px 10px;text-align:left;vertical-align:top}
            img{max-width:100%;height:auto}
            .note{font:15px/1.5 system-ui,sans-serif;color:var(--muted);border-top:1px solid var(--border);padding-top:12px}
            footer{display:flex;flex-wrap:wrap;gap:12px;margin-top:32px}
            .button{display:inline-flex;align-items:center;min-height:44px;padding:0 18px;border-radius:22px;background:var(--accent);color:var(--on-accent);font:600 16px system-ui,sans-serif;text-decoration:none}
            .button.secondary{background:transparent;color:var(--link);border:1px solid var(--border)}
            """;
}
