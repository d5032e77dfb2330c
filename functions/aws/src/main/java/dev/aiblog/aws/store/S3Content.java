package dev.aiblog.aws.store;

import dev.aiblog.core.Json;
import dev.aiblog.core.errors.NotFoundException;
import dev.aiblog.core.model.Draft;
import dev.aiblog.core.ports.Content;
import dev.aiblog.core.ports.ContentKeys;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The content bucket: {@code drafts/<requestId>/draft.json} (the text step's output),
 * {@code posts/<postId>/body.md} (the published markdown) and {@code images/<requestId>.<ext>} (private;
 * the API hands out presigned URLs). Steps pass these keys, never the bodies.
 */
public final class S3Content implements Content {
    private final S3Client s3;
    private final String bucket;

    public S3Content(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public String bucket() {
        return bucket;
    }

    @Override
    public String putDraft(String requestId, Draft draft) {
        String key = ContentKeys.draftKey(requestId);
        put(key, Json.writeBytes(draft), "application/json");
        return key;
    }

    @Override
    public String putReviewedDraft(String requestId, String decisionId, Draft draft) {
        String key = ContentKeys.reviewedDraftKey(requestId, decisionId);
        put(key, Json.writeBytes(draft), "application/json");
        return key;
    }

    @Override
    public Draft getDraft(String key) {
        return Json.read(getString(key), Draft.class);
    }

    @Override
    public String putBody(String postId, String markdown) {
        String key = ContentKeys.bodyKey(postId);
        put(key, markdown.getBytes(StandardCharsets.UTF_8), "text/markdown; charset=utf-8");
        return key;
    }

    @Override
    public String putImage(String requestId, byte[] bytes, String contentType) {
        String key = ContentKeys.imageKey(requestId, contentType);
        put(key, bytes, contentType);
        return key;
    }

    @Override
    public String getString(String key) {
        return new String(getBytes(key), StandardCharsets.UTF_8);
    }

    @Override
    public byte[] getBytes(String key) {
        try {
            return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        } catch (NoSuchKeyException e) {
            throw new NotFoundException("s3://" + bucket + "/" + key + " does not exist");
        }
    }

    @Override
    public boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private void put(String key, byte[] bytes, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    }
}
