package dev.aiblog.functions.api;

import dev.aiblog.core.Json;
import dev.aiblog.core.store.BlogStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Feed cursors: opaque to clients, tamper-evident to the API. A cursor is
 * {@code base64url(payload) "." base64url(HMAC-SHA256(payload))[:16 bytes]}, where the payload names the tag
 * the page was read with and the feed position ({@code publishedAt#postId}) to continue after. Anything that does
 * not verify, or a cursor used with another tag, is an {@code INVALID_CURSOR} 400, never a 500.
 */
public final class CursorCodec {
    static final int MAX_LENGTH = 512;
    private static final int MAC_BYTES = 16;
    private static final int VERSION = 1;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** What a cursor carries: format version, the tag (null for the whole feed), the position. */
    record Payload(int v, String t, String k) {}

    private final SecretKeySpec key;

    public CursorCodec(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("the cursor signing key must be at least 16 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    String encode(String tag, String feedPosition) {
        byte[] payload = Json.write(new Payload(VERSION, tag, feedPosition)).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
    }

    /**
     * The feed position a cursor continues after.
     *
     * @param tag the tag of the request the cursor came with (null for none); must be the tag it was made for
     */
    String decode(String cursor, String tag) {
        if (cursor.length() > MAX_LENGTH) {
            throw invalid("cursor is too long to be one this API made");
        }
        int dot = cursor.indexOf('.');
        if (dot <= 0 || dot != cursor.lastIndexOf('.') || dot == cursor.length() - 1) {
            throw invalid("cursor is not one this API made; use nextCursor from a feed response as it is");
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(cursor.substring(0, dot));
            signature = DECODER.decode(cursor.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw invalid("cursor is not one this API made; use nextCursor from a feed response as it is");
        }
        if (!MessageDigest.isEqual(signature, mac(payload))) {
            throw invalid("cursor has been altered or has expired; start again from the first page");
        }
        Payload decoded;
        try {
            decoded = Json.read(new String(payload, StandardCharsets.UTF_8), Payload.class);
        } catch (IllegalArgumentException e) {
            throw invalid("cursor is not one this API made");
        }
        if (decoded == null || decoded.v() != VERSION || !BlogStore.isFeedSk(decoded.k())) {
            throw invalid("cursor is not one this API made");
        }
        if (!Objects.equals(decoded.t(), tag)) {
            throw invalid(decoded.t() == null
                    ? "cursor belongs to the feed without a tag; drop the tag or start from the first page"
                    : "cursor belongs to the feed for another tag; use it with the tag it came with");
        }
        return decoded.k();
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] full = mac.doFinal(payload);
            byte[] truncated = new byte[MAC_BYTES];
            System.arraycopy(full, 0, truncated, 0, MAC_BYTES);
            return truncated;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static ApiException invalid(String message) {
        return new ApiException(ErrorCode.INVALID_CURSOR, message);
    }
}
