package dev.aiblog.core.ports;

import dev.aiblog.core.errors.NotFoundException;
import dev.aiblog.core.model.Draft;

/**
 * Generated text and images, kept out of the state machine's payloads: drafts, post bodies and images, each under
 * the key {@link ContentKeys} gives it.
 */
public interface Content {
    /** @return the draft's key */
    String putDraft(String requestId, Draft draft);

    /** The draft an editor approved, edits applied; @return its key ({@link ContentKeys#reviewedDraftKey}) */
    String putReviewedDraft(String requestId, String decisionId, Draft draft);

    /** @throws NotFoundException when there is no such object */
    Draft getDraft(String key);

    /** @return the body's key */
    String putBody(String postId, String markdown);

    /** @return the image's key */
    String putImage(String requestId, byte[] bytes, String contentType);

    /** @throws NotFoundException when there is no such object */
    String getString(String key);

    /** @throws NotFoundException when there is no such object */
    byte[] getBytes(String key);

    boolean exists(String key);
}
