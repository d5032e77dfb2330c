package dev.aiblog.local.iam;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Recomputes a SigV4 signature server side, as AWS does, from the request as received.
 *
 * <p>S3 signs the path as sent; other services encode it once more (the SDK signs the
 * double-encoded, normalized path). The payload hash is {@code x-amz-content-sha256} when the
 * request has one (a hex digest, {@code UNSIGNED-PAYLOAD}, or a {@code STREAMING-...} value whose
 * seed signature this checks), else the SHA-256 of the body; a presigned S3 URL signs
 * {@code UNSIGNED-PAYLOAD}.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html">Create a signed AWS API request</a>
 */
final class SigV4Verifier {

    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final HexFormat HEX = HexFormat.of();
    private static final int MAX_SIGNING_KEYS = 1_000;
    private static final Pattern SPACES = Pattern.compile(" +");
    private static final Map<String, byte[]> SIGNING_KEYS = new ConcurrentHashMap<>();

    /** The canonical request, the string to sign, and the signature a secret gives. */
    record Computed(String canonicalRequest, String stringToSign, String signature) {}

    private SigV4Verifier() {}

    static Computed compute(AwsRequest request, SigV4Auth auth, String secretAccessKey) {
        String canonicalRequest = canonicalRequest(request, auth);
        String stringToSign = SigV4Auth.ALGORITHM + "\n" + auth.amzDate() + "\n" + auth.scope() + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        return new Computed(canonicalRequest, stringToSign, hex(hmac(signingKey(secretAccessKey, auth), stringToSign)));
    }

    /**
     * The key of a secret's scope (date, region, service), derived once per scope as the SDKs do, instead of four
     * HMACs for every request.
     */
    private static byte[] signingKey(String secretAccessKey, SigV4Auth auth) {
        String scope = secretAccessKey + "\n" + auth.scope();
        byte[] cached = SIGNING_KEYS.get(scope);
        if (cached != null) {
            return cached;
        }
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), auth.scopeDate());
        key = hmac(key, auth.region());
        key = hmac(key, auth.service());
        key = hmac(key, "aws4_request");
        if (SIGNING_KEYS.size() >= MAX_SIGNING_KEYS) {
            SIGNING_KEYS.clear();
        }
        SIGNING_KEYS.put(scope, key);
        return key;
    }

    /** Constant-time comparison of the signature sent with the one computed. */
    static boolean matches(SigV4Auth auth, Computed computed) {
        return MessageDigest.isEqual(
                auth.signature().getBytes(StandardCharsets.US_ASCII),
                computed.signature().getBytes(StandardCharsets.US_ASCII));
    }

    static String payloadHash(AwsRequest request, SigV4Auth auth) {
        boolean s3 = auth.service().equals("s3");
        var header = request.header("x-amz-content-sha256");
        if (auth.presigned()) {
            return s3 ? header.orElse(UNSIGNED_PAYLOAD) : hex(sha256(request.body()));
        }
        return header.orElseGet(() -> hex(sha256(request.body())));
    }

    static String canonicalRequest(AwsRequest request, SigV4Auth auth) {
        boolean s3 = auth.service().equals("s3");
        StringBuilder canonical = new StringBuilder();
        canonical.append(request.method()).append('\n');
        canonical
                .append(s3 ? request.rawPath() : UriEncoding.encode(normalize(request.rawPath()), true))
                .append('\n');
        canonical.append(canonicalQuery(request, auth.presigned())).append('\n');
        for (String name : auth.signedHeaders()) {
            List<String> values = request.headers().getOrDefault(name, List.of());
            List<String> trimmed = new ArrayList<>();
            for (String value : values) {
                String trim = value.trim();
                trimmed.add(trim.contains("  ") ? SPACES.matcher(trim).replaceAll(" ") : trim);
            }
            canonical.append(name).append(':').append(String.join(",", trimmed)).append('\n');
        }
        canonical.append('\n');
        canonical.append(String.join(";", auth.signedHeaders())).append('\n');
        canonical.append(payloadHash(request, auth));
        return canonical.toString();
    }

    private static String canonicalQuery(AwsRequest request, boolean presigned) {
        List<String[]> pairs = new ArrayList<>();
        for (Map.Entry<String, String> parameter : request.queryParameters()) {
            if (presigned && parameter.getKey().equals("X-Amz-Signature")) {
                continue;
            }
            pairs.add(new String[] {
                UriEncoding.encode(parameter.getKey(), false), UriEncoding.encode(parameter.getValue(), false)
            });
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder query = new StringBuilder();
        for (String[] pair : pairs) {
            if (!query.isEmpty()) {
                query.append('&');
            }
            query.append(pair[0]).append('=').append(pair[1]);
        }
        return query.toString();
    }

    /** RFC 3986 dot-segment removal on the raw path, keeping a trailing slash; what the SDK signs for non-S3 services. */
    private static String normalize(String rawPath) {
        List<String> out = new ArrayList<>();
        String[] segments = rawPath.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!out.isEmpty()) {
                    out.removeLast();
                }
                continue;
            }
            out.add(segment);
        }
        String path = "/" + String.join("/", out);
        return path.isEmpty() ? "/" : path;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }
}
