package dev.aiblog.local.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.core.Json;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LocalAuthorizerTest {
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final LocalAuthorizer authorizer = LocalAuthorizer.create();

    @Test
    void aUsersToken_isHandedOutAgain_whileHalfItsLifetimeIsLeft() {
        String first = authorizer.accessToken("alice", T0);

        String later = authorizer.accessToken("alice", T0.plusSeconds(LocalAuthorizer.LIFETIME_SECONDS / 2));

        assertThat(later).isEqualTo(first);
        assertThat(claims(later).path("iat").asLong()).isEqualTo(T0.getEpochSecond());
    }

    @Test
    void pastHalfItsLifetime_aNewTokenIsSigned_thatLivesTheWholeLifetimeFromNow() throws Exception {
        String first = authorizer.accessToken("alice", T0);
        Instant now = T0.plusSeconds(LocalAuthorizer.LIFETIME_SECONDS / 2 + 1);

        String renewed = authorizer.accessToken("alice", now);

        assertThat(renewed).isNotEqualTo(first);
        JsonNode claims = claims(renewed);
        assertThat(claims.path("iat").asLong()).isEqualTo(now.getEpochSecond());
        assertThat(claims.path("exp").asLong()).isEqualTo(now.getEpochSecond() + LocalAuthorizer.LIFETIME_SECONDS);
        assertThat(verifies(renewed)).isTrue();
    }

    @Test
    void eachUser_getsTheirOwnToken() {
        String alice = authorizer.accessToken("alice", T0);

        String bob = authorizer.accessToken("bob", T0);

        assertThat(claims(alice).path("sub").asText()).isEqualTo("alice");
        assertThat(claims(bob).path("sub").asText()).isEqualTo("bob");
    }

    @Test
    void aClockThatWentBack_getsANewToken_notOneIssuedInItsFuture() {
        String first = authorizer.accessToken("alice", T0);

        String earlier = authorizer.accessToken("alice", T0.minusSeconds(30));

        assertThat(earlier).isNotEqualTo(first);
        assertThat(claims(earlier).path("iat").asLong())
                .isEqualTo(T0.minusSeconds(30).getEpochSecond());
    }

    private static JsonNode claims(String token) {
        String payload = token.split("\\.")[1];
        return Json.read(new String(B64.decode(payload), StandardCharsets.UTF_8), JsonNode.class);
    }

    /** Checks the RS256 signature against the key set the API function is given ({@code JWT_JWKS}). */
    private boolean verifies(String token) throws Exception {
        JsonNode key = Json.read(authorizer.environment().get("JWT_JWKS"), JsonNode.class)
                .path("keys")
                .get(0);
        PublicKey publicKey = KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(
                        new BigInteger(1, B64.decode(key.path("n").asText())),
                        new BigInteger(1, B64.decode(key.path("e").asText()))));
        String[] parts = token.split("\\.");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(publicKey);
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return rsa.verify(B64.decode(parts[2]));
    }
}
