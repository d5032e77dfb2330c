package dev.aiblog.core.store;

import dev.aiblog.core.Json;
import dev.aiblog.core.errors.NotFoundException;
import dev.aiblog.core.model.Draft;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The content bucket: {@code drafts/<requestId>/draft.json} (the text step's output),
 * {@code posts/<postId>/body.md} (the published markdown) and {@code images/<requestId>.<ext>} (private;
 * the API hands out presigned URLs). Steps pass these keys, never the bodies.
 */
public final class ContentStore {
    private final S3Client s3;
    private final String bucket;

    public ContentStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public String bucket() {
        return bucket;
    }

    public static String draftKey(String requestId) {
        return "drafts/" + requestId + "/draft.json";
    }

    public static String bodyKey(String postId) {
        return "posts/" + postId + "/body.md";
    }

    public static String imageKey(String requestId, String contentType) {
        return "images/" + requestId + "." + switch (contentType) {
            case "image/jpeg" -> "jpg";
            case "image/webp" -> "webp";
            default -> "png";
        };
    }

    public String putDraft(String requestId, Draft draft) {
        String key = draftKey(requestId);
        put(key, Json.write(draft).getBytes(StandardCharsets.UTF_8), "application/json");
        return key;
    }

    public Draft getDraft(String key) {
        return Json.read(getString(key), Draft.class);
    }

    public String putBody(String postId, String markdown) {
        String key = bodyKey(postId);
        put(key, markdown.getBytes(StandardCharsets.UTF_8), "text/markdown; charset=utf-8");
        return key;
    }

    public String putImage(String requestId, byte[] bytes, String contentType) {
        String key = imageKey(requestId, contentType);
        put(key, bytes, contentType);
        return key;
    }

    public String getString(String key) {
        return new String(getBytes(key), StandardCharsets.UTF_8);
    }

    public byte[] getBytes(String key) {
        try {
            return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        } catch (NoSuchKeyException e) {
            throw new NotFoundException("s3://" + bucket + "/" + key + " does not exist");
        }
    }

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
