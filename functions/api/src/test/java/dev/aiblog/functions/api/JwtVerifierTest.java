package dev.aiblog.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bearer tokens on public routes are checked like API Gateway's JWT authorizer checks them. */
class JwtVerifierTest {
    static final TestJwts POOL = new TestJwts("key-1");
    static final JwtVerifier VERIFIER =
            new JwtVerifier(TestJwts.ISSUER, Set.of(TestJwts.CLIENT), POOL::jwks, true, Clock.systemUTC());

    @Test
    void aValidAccessTokenNamesItsSubject() {
        assertThat(VERIFIER.subject(POOL.sign(TestJwts.accessClaims("user-7")))).contains("user-7");
    }

    @Test
    void aValidIdTokenIsCheckedAgainstItsAudience() {
        Map<String, Object> claims = TestJwts.accessClaims("user-8");
        claims.remove("client_id");
        claims.put("token_use", "id");
        claims.put("aud", TestJwts.CLIENT);

        assertThat(VERIFIER.subject(POOL.sign(claims))).contains("user-8");
    }

    static Stream<Arguments> refused() {
        long now = Instant.now().getEpochSecond();
        return Stream.of(
                Arguments.of("expired", (Consumer<Map<String, Object>>) c -> c.put("exp", now - 120)),
                Arguments.of("not valid yet", (Consumer<Map<String, Object>>) c -> c.put("nbf", now + 600)),
                Arguments.of(
                        "another issuer", (Consumer<Map<String, Object>>) c -> c.put("iss", "https://evil.example")),
                Arguments.of(
                        "another app client", (Consumer<Map<String, Object>>) c -> c.put("client_id", "other-client")),
                Arguments.of("no subject", (Consumer<Map<String, Object>>) c -> c.remove("sub")),
                Arguments.of("no expiry", (Consumer<Map<String, Object>>) c -> c.remove("exp")),
                Arguments.of("id token for another audience", (Consumer<Map<String, Object>>) c -> {
                    c.put("token_use", "id");
                    c.put("aud", List.of("other-client"));
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesATokenWhoseClaimsDoNotFit(String why, Consumer<Map<String, Object>> change) {
        Map<String, Object> claims = new LinkedHashMap<>(TestJwts.accessClaims("user-9"));
        change.accept(claims);

        assertThat(VERIFIER.subject(POOL.sign(claims))).isEmpty();
    }

    @Test
    void refusesTokensNotSignedByTheIssuersKey() {
        String good = POOL.sign(TestJwts.accessClaims("user-1"));
        String[] parts = good.split("\\.");
        String otherKeySameKid = new TestJwts("key-1").sign(TestJwts.accessClaims("user-1"));
        String unsigned = POOL.sign(Map.of("alg", "none", "kid", "key-1"), TestJwts.accessClaims("user-1"));
        String hmac = POOL.sign(Map.of("alg", "HS256", "kid", "key-1"), TestJwts.accessClaims("user-1"));
        String tamperedClaims = parts[0] + "."
                + java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(dev.aiblog.core.Json.write(TestJwts.accessClaims("someone-else"))
                                .getBytes())
                + "." + parts[2];

        assertThat(VERIFIER.subject(otherKeySameKid)).isEmpty();
        assertThat(VERIFIER.subject(unsigned)).isEmpty();
        assertThat(VERIFIER.subject(hmac)).isEmpty();
        assertThat(VERIFIER.subject(tamperedClaims)).isEmpty();
        assertThat(VERIFIER.subject(parts[0] + "." + parts[1])).isEmpty();
        assertThat(VERIFIER.subject("the-local-dev-token")).isEmpty();
        assertThat(VERIFIER.subject("")).isEmpty();
    }

    @Test
    void fetchesTheKeySetOnceAndAgainForARotatedKeyAtMostEveryFiveMinutes() {
        TestJwts rotated = new TestJwts("key-2");
        AtomicInteger fetches = new AtomicInteger();
        String[] published = {POOL.jwks()};
        Instant[] now = {Instant.parse("2026-11-30T10:00:00Z")};
        Clock clock = new Clock() {
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now[0];
            }
        };
        JwtVerifier verifier = new JwtVerifier(
                TestJwts.ISSUER,
                Set.of(TestJwts.CLIENT),
                () -> {
                    fetches.incrementAndGet();
                    return published[0];
                },
                true,
                clock);
        Map<String, Object> claims = TestJwts.accessClaims("user-1");
        claims.put("iat", now[0].getEpochSecond());
        claims.put("exp", now[0].getEpochSecond() + 3600);

        assertThat(verifier.subject(POOL.sign(claims))).contains("user-1");
        assertThat(verifier.subject(POOL.sign(claims))).contains("user-1");
        assertThat(fetches).hasValue(1);

        published[0] = rotated.jwks();
        assertThat(verifier.subject(rotated.sign(claims)))
                .as("within five minutes of the last fetch")
                .isEmpty();
        assertThat(fetches).hasValue(1);

        now[0] = now[0].plusSeconds(301);
        assertThat(verifier.subject(rotated.sign(claims))).contains("user-1");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void anUnreachableKeySetRefusesTokensWithoutFailingTheRequest() {
        JwtVerifier verifier = new JwtVerifier(
                TestJwts.ISSUER,
                Set.of(TestJwts.CLIENT),
                () -> {
                    throw new java.io.UncheckedIOException(new java.net.ConnectException("no route to host"));
                },
                true,
                Clock.systemUTC());

        assertThat(verifier.subject(POOL.sign(TestJwts.accessClaims("user-1")))).isEmpty();
    }

    @Test
    void withoutAnIssuerNoTokenIsRead() {
        BearerTokens tokens = JwtVerifier.fromSettings(dev.aiblog.core.config.Settings.of(Map.of()));

        assertThat(tokens.subject(POOL.sign(TestJwts.accessClaims("user-1")))).isEmpty();
    }

    @Test
    void anInlineKeySetFromTheEnvironmentIsUsedWithoutFetching() {
        BearerTokens tokens = JwtVerifier.fromSettings(dev.aiblog.core.config.Settings.of(Map.of(
                "JWT_ISSUER", TestJwts.ISSUER, "JWT_AUDIENCE", "other, " + TestJwts.CLIENT, "JWT_JWKS", POOL.jwks())));

        assertThat(tokens.subject(POOL.sign(TestJwts.accessClaims("user-3")))).contains("user-3");
    }
}
