package dev.aiblog.core.memory;

import dev.aiblog.core.Json;
import dev.aiblog.core.errors.NotFoundException;
import dev.aiblog.core.model.Draft;
import dev.aiblog.core.ports.Content;
import dev.aiblog.core.ports.ContentKeys;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Content} in memory, under the same keys as the bucket; drafts go through JSON as they do in S3. */
public final class InMemoryContent implements Content {
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

    /** The keys stored so far. */
    public Set<String> keys() {
        return Set.copyOf(objects.keySet());
    }

    @Override
    public String putDraft(String requestId, Draft draft) {
        return put(ContentKeys.draftKey(requestId), Json.writeBytes(draft));
    }

    @Override
    public String putReviewedDraft(String requestId, String decisionId, Draft draft) {
        return put(ContentKeys.reviewedDraftKey(requestId, decisionId), Json.writeBytes(draft));
    }

    @Override
    public Draft getDraft(String key) {
        return Json.read(getString(key), Draft.class);
    }

    @Override
    public String putBody(String postId, String markdown) {
        return put(ContentKeys.bodyKey(postId), markdown.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String putImage(String requestId, byte[] bytes, String contentType) {
        return put(ContentKeys.imageKey(requestId, contentType), bytes.clone());
    }

    @Override
    public String getString(String key) {
        return new String(getBytes(key), StandardCharsets.UTF_8);
    }

    @Override
    public byte[] getBytes(String key) {
        byte[] bytes = objects.get(key);
        if (bytes == null) {
            throw new NotFoundException(key + " does not exist");
        }
        return bytes.clone();
    }

    @Override
    public boolean exists(String key) {
        return objects.containsKey(key);
    }

    private String put(String key, byte[] bytes) {
        objects.put(key, bytes);
        return key;
    }
}
