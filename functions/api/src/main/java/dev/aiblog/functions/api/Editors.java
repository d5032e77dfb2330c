package dev.aiblog.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who may review drafts: members of the Cognito group {@value #GROUP}, as the JWT authorizer's claims say
 * ({@code cognito:groups}). API Gateway's HTTP API passes a list claim as a string, {@code [editors other]}; a JSON
 * array (the local API, or a future API Gateway) and a comma-separated string are read too.
 */
final class Editors {
    /** The user pool group of editors (template.yaml, EditorsGroup). */
    static final String GROUP = "editors";

    private Editors() {}

    static boolean isEditor(Set<String> groups) {
        return groups.contains(GROUP);
    }

    /** The caller's groups from the authorizer's claims; none when there are no claims. */
    static Set<String> groups(HttpApiEvent event) {
        var context = event.requestContext();
        if (context == null
                || context.authorizer() == null
                || context.authorizer().jwt() == null
                || context.authorizer().jwt().claims() == null) {
            return Set.of();
        }
        return parse(context.authorizer().jwt().claims().get("cognito:groups"));
    }

    static Set<String> parse(JsonNode claim) {
        Set<String> groups = new LinkedHashSet<>();
        if (claim == null || claim.isNull()) {
            return Set.of();
        }
        if (claim.isArray()) {
            claim.forEach(g -> {
                if (g.isTextual() && !g.textValue().isBlank()) {
                    groups.add(g.textValue().strip());
                }
            });
            return Set.copyOf(groups);
        }
        if (!claim.isTextual()) {
            return Set.of();
        }
        String text = claim.textValue().strip();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        for (String part : text.split("[,\\s]+")) {
            String group = part.strip().replaceAll("^\"|\"$", "");
            if (!group.isEmpty()) {
                groups.add(group);
            }
        }
        return Set.copyOf(groups);
    }
}
