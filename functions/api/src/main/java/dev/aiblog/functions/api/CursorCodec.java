package dev.aiblog.functions.api;

import dev.aiblog.core.Json;
import dev.aiblog.core.model.FeedPosition;
import dev.aiblog.core.model.Tag;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Feed and request-list cursors: opaque to clients, tamper-evident to the API. A cursor is
 * {@code base64url(payload) "." base64url(HMAC-SHA256(payload))[:16 bytes]}, where the payload names the tag
 * the page was read with and the feed position ({@code publishedAt#postId}) to continue after. A cursor of a
 * caller's request list ({@code GET /requests}) carries the scope {@code "requests"} and the caller instead of a
 * tag, so it works for nobody else. Anything that does not verify, or a cursor used with another tag, list or
 * caller, is an {@code INVALID_CURSOR} 400, never a 500.
 */
public final class CursorCodec {
    static final int MAX_LENGTH = 512;
    private static final int MAC_BYTES = 16;
    private static final int VERSION = 1;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /**
     * What a cursor carries: format version, the tag (null for the whole feed; the caller for a request list), the
     * position, and the list it belongs to (null for the feed, so feed cursors read as before).
     */
    record Payload(int v, String t, String k, String s) {}

    private static final String REQUESTS = "requests";

    private final SecretKeySpec key;
    /** Initialised with the key once; each signature works on a copy (looking up and keying a Mac per cursor cost more than the MAC). */
    private final Mac keyed;

    public CursorCodec(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("the cursor signing key must be at least 16 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.keyed = newMac();
    }

    /** A cursor into the feed ({@code tag}'s, or every post's when null), after {@code position}. */
    String encodeFeed(Tag tag, FeedPosition position) {
        return encode(tag == null ? null : tag.value(), position.toString());
    }

    /** The feed position a cursor continues after; see {@link #decode(String, String)}. */
    FeedPosition decodeFeed(String cursor, Tag tag) {
        return FeedPosition.parse(decode(cursor, tag == null ? null : tag.value()))
                .orElseThrow(() -> invalid("cursor is not one this API made"));
    }

    String encode(String tag, String feedPosition) {
        return encode(new Payload(VERSION, tag, feedPosition, null));
    }

    /** A cursor into {@code owner}'s request list, after {@code position} ({@code createdAt#requestId}). */
    String encodeRequests(String owner, String position) {
        return encode(new Payload(VERSION, owner, position, REQUESTS));
    }

    /** The position in {@code owner}'s request list a cursor continues after. */
    String decodeRequests(String cursor, String owner) {
        Payload decoded = verified(cursor);
        if (!REQUESTS.equals(decoded.s())) {
            throw invalid("cursor belongs to another list, not to your requests; use nextCursor from GET /requests");
        }
        if (!Objects.equals(decoded.t(), owner)) {
            throw invalid("cursor belongs to someone else's requests; start from the first page");
        }
        return decoded.k();
    }

    private static final String REVIEWS = "reviews";

    /** A cursor into the review queue, after {@code position} ({@code awaitingSince#requestId}). */
    String encodeReviews(String position) {
        return encode(new Payload(VERSION, null, position, REVIEWS));
    }

    /** The position in the review queue a cursor continues after. */
    String decodeReviews(String cursor) {
        Payload decoded = verified(cursor);
        if (!REVIEWS.equals(decoded.s())) {
            throw invalid("cursor belongs to another list, not to the review queue; use nextCursor from GET /reviews");
        }
        return decoded.k();
    }

    private String encode(Payload value) {
        byte[] payload = Json.writeBytes(value);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
    }

    /**
     * The feed position a cursor continues after.
     *
     * @param tag the tag of the request the cursor came with (null for none); must be the tag it was made for
     */
    String decode(String cursor, String tag) {
        Payload decoded = verified(cursor);
        if (decoded.s() != null) {
            throw invalid("cursor belongs to another list, not to the feed; start from the first page");
        }
        if (!Objects.equals(decoded.t(), tag)) {
            throw invalid(
                    decoded.t() == null
                            ? "cursor belongs to the feed without a tag; drop the tag or start from the first page"
                            : "cursor belongs to the feed for another tag; use it with the tag it came with");
        }
        return decoded.k();
    }

    /** The payload of a cursor this API made, whatever list it belongs to. */
    private Payload verified(String cursor) {
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
        // Both lists' positions have the shape instant#id.
        if (decoded == null
                || decoded.v() != VERSION
                || FeedPosition.parse(decoded.k()).isEmpty()) {
            throw invalid("cursor is not one this API made");
        }
        return decoded;
    }

    private byte[] mac(byte[] payload) {
        Mac mac;
        try {
            mac = (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            mac = newMac();
        }
        byte[] full = mac.doFinal(payload);
        byte[] truncated = new byte[MAC_BYTES];
        System.arraycopy(full, 0, truncated, 0, MAC_BYTES);
        return truncated;
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static ApiException invalid(String message) {
        return new ApiException(ErrorCode.INVALID_CURSOR, message);
    }
}
