package dev.aiblog.local.api;

import dev.aiblog.core.Json;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The user pool's part, locally: the dev token stands for a signed-in user, and the local API hands the API function
 * what Cognito would have given that user, an RS256 access token. The function checks it like a Cognito token on
 * public routes (signature, issuer, app client), against this key set, which it gets in {@code JWT_JWKS} instead of
 * fetching the pool's. The key pair is made per process; tokens live five minutes.
 *
 * <p>Like an app, which signs in once and sends the same access token until it nears expiry, a user's token is
 * handed out again while at least half its lifetime is left, not signed anew for every request (an RSA signature
 * per call was most of what a burst of submissions cost the local API).
 */
public final class LocalAuthorizer {
    public static final String ISSUER = "http://localhost/local-dev-authorizer";
    public static final String CLIENT_ID = "local-dev-client";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** The user pool's group of editors (template.yaml, EditorsGroup). */
    public static final String EDITORS = "editors";

    /** How long a token is valid ({@code exp - iat}). */
    static final long LIFETIME_SECONDS = 300;

    private final KeyPair keys;
    private final String kid = "local-" + UUID.randomUUID();
    private final java.util.Set<String> editors;
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();

    private record Issued(String token, long issuedAt) {}

    private LocalAuthorizer(KeyPair keys, java.util.Set<String> editors) {
        this.keys = keys;
        this.editors = java.util.Set.copyOf(editors);
    }

    public static LocalAuthorizer create() {
        return create(java.util.Set.of());
    }

    /** @param editors the users in the group {@value #EDITORS} ({@code AIBLOG_EDITORS}) */
    public static LocalAuthorizer create(java.util.Set<String> editors) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new LocalAuthorizer(generator.generateKeyPair(), editors);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
    }

    /** What the API function needs to check these tokens (in AWS, template.yaml points it at the user pool). */
    public Map<String, String> environment() {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        String jwks = Json.write(Map.of(
                "keys",
                List.of(Map.of(
                        "kty",
                        "RSA",
                        "kid",
                        kid,
                        "alg",
                        "RS256",
                        "use",
                        "sig",
                        "n",
                        B64.encodeToString(unsigned(key.getModulus())),
                        "e",
                        B64.encodeToString(unsigned(key.getPublicExponent()))))));
        return Map.of("JWT_ISSUER", ISSUER, "JWT_AUDIENCE", CLIENT_ID, "JWT_JWKS", jwks);
    }

    /**
     * An access token for {@code sub}, shaped like Cognito's: the one issued to {@code sub} before while at least half
     * its lifetime is left at {@code now}, else a new one.
     */
    public String accessToken(String sub, Instant now) {
        long at = now.getEpochSecond();
        Issued before = issued.get(sub);
        if (before != null && at >= before.issuedAt() && at - before.issuedAt() <= LIFETIME_SECONDS / 2) {
            return before.token();
        }
        if (issued.size() > 10_000) {
            issued.clear();
        }
        String token = sign(sub, at);
        issued.put(sub, new Issued(token, at));
        return token;
    }

    private String sign(String sub, long now) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", sub);
        claims.put("username", sub);
        groups(sub).ifPresent(groups -> claims.put("cognito:groups", List.of(EDITORS)));
        claims.put("iss", ISSUER);
        claims.put("client_id", CLIENT_ID);
        claims.put("token_use", "access");
        claims.put("iat", now);
        claims.put("exp", now + LIFETIME_SECONDS);
        String input = B64.encodeToString(Json.writeBytes(Map.of("alg", "RS256", "kid", kid))) + "."
                + B64.encodeToString(Json.writeBytes(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.getPrivate());
            rsa.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withRSA is part of every JDK", e);
        }
    }

    /**
     * The user's {@code cognito:groups} as API Gateway's JWT authorizer passes the claim to the function: a list
     * flattened to a string, {@code [editors]}; empty for a user in no group.
     */
    public Optional<String> groups(String sub) {
        return editors.contains(sub) ? Optional.of("[" + EDITORS + "]") : Optional.empty();
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
