package dev.aiblog.functions.api;

import dev.aiblog.core.Json;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An RSA key pair standing in for a Cognito user pool's: its JWKS document, and RS256 tokens signed with it. */
final class TestJwts {
    static final String ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Test12345";
    static final String CLIENT = "test-app-client";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    final String kid;
    final KeyPair keys;

    TestJwts(String kid) {
        this.kid = kid;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String jwks() {
        RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
        return Json.write(Map.of(
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
                        B64.encodeToString(unsigned(pub.getModulus())),
                        "e",
                        B64.encodeToString(unsigned(pub.getPublicExponent()))))));
    }

    /** Claims of a Cognito access token for {@code sub}, valid for an hour from now. */
    static Map<String, Object> accessClaims(String sub) {
        Map<String, Object> claims = new LinkedHashMap<>();
        long now = Instant.now().getEpochSecond();
        claims.put("sub", sub);
        claims.put("iss", ISSUER);
        claims.put("client_id", CLIENT);
        claims.put("token_use", "access");
        claims.put("iat", now);
        claims.put("exp", now + 3600);
        return claims;
    }

    String sign(Map<String, Object> claims) {
        return sign(Map.of("alg", "RS256", "kid", kid), claims);
    }

    String sign(Map<String, Object> header, Map<String, Object> claims) {
        String signingInput =
                B64.encodeToString(Json.writeBytes(header)) + "." + B64.encodeToString(Json.writeBytes(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.getPrivate());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
