package dev.aiblog.core.ports;

/** Where each kind of content lives: the key prefixes the template's IAM policies grant, one per kind. */
public final class ContentKeys {
    private ContentKeys() {}

    public static String draftKey(String requestId) {
        return "drafts/" + requestId + "/draft.json";
    }

    /**
     * The draft as an editor approved it, edits applied (review required), beside the model's draft; one key per
     * decision ({@code decisionId}), so two editors deciding at once never overwrite each other's edits: only the
     * decision that wins names its draft to the execution.
     */
    public static String reviewedDraftKey(String requestId, String decisionId) {
        return "drafts/" + requestId + "/reviewed-" + decisionId + ".json";
    }

    public static String bodyKey(String postId) {
        return "posts/" + postId + "/body.md";
    }

    public static String imageKey(String requestId, String contentType) {
        return "images/" + requestId + "."
                + switch (contentType) {
                    case "image/jpeg" -> "jpg";
                    case "image/webp" -> "webp";
                    default -> "png";
                };
    }
}
