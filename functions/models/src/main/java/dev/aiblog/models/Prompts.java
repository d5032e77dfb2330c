package dev.aiblog.models;

import dev.aiblog.core.model.PostOptions;

/** The instructions the text model gets. */
final class Prompts {
    private Prompts() {}

    static String system() {
        return """
                You write blog posts for a technical publication. Write accurate, specific, readable prose in \
                GitHub-flavoured markdown with H2 sections, short paragraphs, and lists or code where they help. \
                Never invent quotes, statistics or links. Answer only with the JSON object the schema describes.""";
    }

    static String user(String topic, PostOptions options) {
        return """
                Topic: %s
                Audience: %s
                Tone: %s
                Length: about %d words in the body.
                Also give a one- or two-sentence summary, two to six lower-case tags, and a prompt for a \
                headline illustration with no text in it.""".formatted(
                        topic,
                        options.audience().wire(),
                        options.tone().wire(),
                        options.length().targetWords());
    }
}
