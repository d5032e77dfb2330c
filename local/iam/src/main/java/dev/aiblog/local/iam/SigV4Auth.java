package dev.aiblog.local.iam;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SigV4 elements of a request: from the {@code Authorization} header, or from the query of a
 * presigned URL.
 *
 * @param amzDate {@code X-Amz-Date} as sent ({@code yyyyMMdd'T'HHmmss'Z'})
 * @param expires a presigned URL's {@code X-Amz-Expires}; empty for a header-signed request
 * @param securityToken {@code X-Amz-Security-Token} (header, or query for a presigned URL)
 */
record SigV4Auth(
        String accessKeyId,
        String scopeDate,
        String region,
        String service,
        List<String> signedHeaders,
        String signature,
        String amzDate,
        Instant signedAt,
        boolean presigned,
        Optional<Duration> expires,
        Optional<String> securityToken) {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

    /** What is wrong with a request's SigV4 elements. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean missing;

        Malformed(String message, boolean missing) {
            super(message, null, false, false);
            this.missing = missing;
        }

        /** True when the request carries no signature at all (an anonymous request). */
        boolean missing() {
            return missing;
        }
    }

    String scope() {
        return scopeDate + "/" + region + "/" + service + "/aws4_request";
    }

    /** Reads the signature elements, from the header or a presigned query. */
    static SigV4Auth parse(AwsRequest request) throws Malformed {
        Optional<String> authorization = request.header("authorization");
        if (authorization.isPresent()) {
            return fromHeader(authorization.get().trim(), request);
        }
        if (request.queryParameter("X-Amz-Algorithm").isPresent()
                || request.queryParameter("X-Amz-Signature").isPresent()) {
            return fromQuery(request);
        }
        throw new Malformed("the request is not signed (no Authorization header, no X-Amz-Signature)", true);
    }

    private static SigV4Auth fromHeader(String authorization, AwsRequest request) throws Malformed {
        if (!authorization.startsWith(ALGORITHM + " ")) {
            String scheme = authorization.contains(" ")
                    ? authorization.substring(0, authorization.indexOf(' '))
                    : authorization;
            throw new Malformed(
                    "unsupported authorization scheme '" + scheme + "': only " + ALGORITHM + " (SigV4) is accepted",
                    false);
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String part : authorization.substring(ALGORITHM.length()).split(",")) {
            String element = part.trim();
            int equals = element.indexOf('=');
            if (equals < 0) {
                throw new Malformed("Authorization header element '" + element + "' is not key=value", false);
            }
            String value = element.substring(equals + 1).trim();
            switch (element.substring(0, equals).trim()) {
                case "Credential" -> credential = value;
                case "SignedHeaders" -> signedHeaders = value;
                case "Signature" -> signature = value;
                default ->
                    throw new Malformed(
                            "unknown Authorization header element '" + element.substring(0, equals) + "'", false);
            }
        }
        if (credential == null || signedHeaders == null || signature == null) {
            throw new Malformed("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature'", false);
        }
        String amzDate = request.header("x-amz-date")
                .orElseThrow(() -> new Malformed("a SigV4-signed request needs an X-Amz-Date header", false));
        return build(
                credential,
                signedHeaders,
                signature,
                amzDate,
                false,
                Optional.empty(),
                request.header("x-amz-security-token"));
    }

    private static SigV4Auth fromQuery(AwsRequest request) throws Malformed {
        String algorithm = required(request, "X-Amz-Algorithm");
        if (!ALGORITHM.equals(algorithm)) {
            throw new Malformed("X-Amz-Algorithm only supports \"" + ALGORITHM + "\", got " + algorithm, false);
        }
        String expiresText = required(request, "X-Amz-Expires");
        long expiresSeconds;
        try {
            expiresSeconds = Long.parseLong(expiresText);
        } catch (NumberFormatException e) {
            throw new Malformed("X-Amz-Expires should be a number, got " + expiresText, false);
        }
        if (expiresSeconds < 0 || expiresSeconds > 604_800) {
            throw new Malformed(
                    "X-Amz-Expires must be between 0 and 604800 seconds (seven days), got " + expiresSeconds, false);
        }
        return build(
                required(request, "X-Amz-Credential"),
                required(request, "X-Amz-SignedHeaders"),
                required(request, "X-Amz-Signature"),
                required(request, "X-Amz-Date"),
                true,
                Optional.of(Duration.ofSeconds(expiresSeconds)),
                request.queryParameter("X-Amz-Security-Token").or(() -> request.header("x-amz-security-token")));
    }

    private static String required(AwsRequest request, String name) throws Malformed {
        return request.queryParameter(name)
                .orElseThrow(() -> new Malformed("a presigned URL needs the query parameter " + name, false));
    }

    private static SigV4Auth build(
            String credential,
            String signedHeaders,
            String signature,
            String amzDate,
            boolean presigned,
            Optional<Duration> expires,
            Optional<String> token)
            throws Malformed {
        String[] scope = credential.split("/");
        if (scope.length != 5 || !scope[4].equals("aws4_request") || scope[0].isEmpty()) {
            throw new Malformed(
                    "Credential should be '<access key id>/<date>/<region>/<service>/aws4_request', got '" + credential
                            + "'",
                    false);
        }
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new Malformed(
                    "X-Amz-Date must be in the ISO8601 basic format yyyyMMdd'T'HHmmss'Z', got " + amzDate, false);
        }
        if (!amzDate.startsWith(scope[1])) {
            throw new Malformed(
                    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                            + scope[1] + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.",
                    false);
        }
        List<String> headers = List.of(signedHeaders.split(";"));
        if (!headers.contains("host")) {
            throw new Malformed("the signed headers must include 'host'", false);
        }
        return new SigV4Auth(
                scope[0], scope[1], scope[2], scope[3], headers, signature, amzDate, signedAt, presigned, expires,
                token);
    }
}
