package dev.aiblog.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.core.Json;
import dev.aiblog.core.config.Settings;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a JWT the way API Gateway's JWT authorizer does, for public routes the authorizer does not guard: an
 * RS256 signature by a key of the issuer's key set, {@code iss}, {@code exp} and {@code nbf} (a minute of clock
 * skew), and the audience: {@code client_id} for a Cognito access token, {@code aud} for an ID token.
 *
 * <p>Configured by {@code JWT_ISSUER} and {@code JWT_AUDIENCE} (comma-separated app client ids). The key set is
 * fetched from {@code <issuer>/.well-known/jwks.json} on first use and again, at most every five minutes, when a
 * token names a key it does not know (key rotation); {@code JWT_JWKS} gives the key set inline instead (the local
 * runtime does, for its own tokens).
 *
 * @see <a href="https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html">Verifying a Cognito JWT</a>
 */
public final class JwtVerifier implements BearerTokens {
    private static final Logger LOG = LoggerFactory.getLogger(JwtVerifier.class);
    static final Duration SKEW = Duration.ofSeconds(60);
    private static final Duration REFETCH_AFTER = Duration.ofMinutes(5);
    private static final int MAX_TOKEN = 8 * 1024;
    private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

    private final String issuer;
    private final Set<String> audiences;
    private final Supplier<String> keySet;
    private final boolean refetchable;
    private final Clock clock;
    private volatile Map<String, PublicKey> keys = Map.of();
    private volatile Instant fetchedAt;

    JwtVerifier(String issuer, Set<String> audiences, Supplier<String> keySet, boolean refetchable, Clock clock) {
        this.issuer = issuer;
        this.audiences = Set.copyOf(audiences);
        this.keySet = keySet;
        this.refetchable = refetchable;
        this.clock = clock;
    }

    /** The verifier the environment describes, or {@link BearerTokens#none()} without {@code JWT_ISSUER}. */
    static BearerTokens fromSettings(Settings settings) {
        Map<String, String> env = settings.asMap();
        String issuer = blankToNull(env.get("JWT_ISSUER"));
        if (issuer == null) {
            return BearerTokens.none();
        }
        Set<String> audiences = Arrays.stream(
                        env.getOrDefault("JWT_AUDIENCE", "").split(","))
                .map(String::strip)
                .filter(a -> !a.isEmpty())
                .collect(Collectors.toSet());
        if (audiences.isEmpty()) {
            LOG.warn("JWT_ISSUER is set but JWT_AUDIENCE is not: bearer tokens on public routes are ignored");
            return BearerTokens.none();
        }
        String inline = blankToNull(env.get("JWT_JWKS"));
        if (inline != null) {
            return new JwtVerifier(issuer, audiences, () -> inline, false, Clock.systemUTC());
        }
        return new JwtVerifier(
                issuer,
                audiences,
                fetcher(URI.create(issuer.replaceAll("/+$", "") + "/.well-known/jwks.json")),
                true,
                Clock.systemUTC());
    }

    @Override
    public Optional<String> subject(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN) {
            return Optional.empty();
        }
        try {
            String[] parts = token.split("\\.", -1);
            if (parts.length != 3) {
                return Optional.empty();
            }
            JsonNode header = Json.read(new String(B64URL.decode(parts[0]), StandardCharsets.UTF_8), JsonNode.class);
            if (!"RS256".equals(header.path("alg").asText())
                    || !header.path("kid").isTextual()) {
                return Optional.empty();
            }
            PublicKey key = key(header.path("kid").asText());
            if (key == null) {
                return Optional.empty();
            }
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(B64URL.decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode claims = Json.read(new String(B64URL.decode(parts[1]), StandardCharsets.UTF_8), JsonNode.class);
            return valid(claims) ? Optional.of(claims.path("sub").asText().strip()) : Optional.empty();
        } catch (RuntimeException | java.security.GeneralSecurityException e) {
            LOG.debug("bearer token refused: {}", e.toString());
            return Optional.empty();
        }
    }

    private boolean valid(JsonNode claims) {
        long now = clock.instant().getEpochSecond();
        if (!issuer.equals(claims.path("iss").asText(null))) {
            return false;
        }
        if (!claims.path("exp").canConvertToLong() || claims.path("exp").asLong() + SKEW.toSeconds() < now) {
            return false;
        }
        if (claims.has("nbf") && claims.path("nbf").asLong() - SKEW.toSeconds() > now) {
            return false;
        }
        if (claims.path("sub").asText("").isBlank()) {
            return false;
        }
        String use = claims.path("token_use").asText("");
        if (use.equals("access")) {
            return audiences.contains(claims.path("client_id").asText(""));
        }
        JsonNode aud = claims.path("aud");
        if (aud.isArray()) {
            for (JsonNode a : aud) {
                if (audiences.contains(a.asText())) {
                    return true;
                }
            }
            return false;
        }
        return audiences.contains(aud.asText(""));
    }

    private PublicKey key(String kid) {
        PublicKey key = keys.get(kid);
        if (key == null
                && (fetchedAt == null
                        || refetchable && fetchedAt.plus(REFETCH_AFTER).isBefore(clock.instant()))) {
            synchronized (this) {
                key = keys.get(kid);
                if (key == null
                        && (fetchedAt == null
                                || refetchable && fetchedAt.plus(REFETCH_AFTER).isBefore(clock.instant()))) {
                    fetchedAt = clock.instant();
                    try {
                        keys = parseKeySet(keySet.get());
                    } catch (RuntimeException e) {
                        LOG.warn("cannot read the JWT key set of {}: {}", issuer, e.toString());
                    }
                    key = keys.get(kid);
                }
            }
        }
        return key;
    }

    /** The RSA signing keys of a JWKS document, by key id. */
    static Map<String, PublicKey> parseKeySet(String json) {
        Map<String, PublicKey> keys = new HashMap<>();
        for (JsonNode jwk : Json.read(json, JsonNode.class).path("keys")) {
            if (!"RSA".equals(jwk.path("kty").asText())
                    || !jwk.path("kid").isTextual()
                    || jwk.has("use") && !"sig".equals(jwk.path("use").asText())) {
                continue;
            }
            try {
                BigInteger n = new BigInteger(1, B64URL.decode(jwk.path("n").asText()));
                BigInteger e = new BigInteger(1, B64URL.decode(jwk.path("e").asText()));
                keys.put(
                        jwk.path("kid").asText(),
                        KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e)));
            } catch (java.security.GeneralSecurityException | IllegalArgumentException ex) {
                LOG.warn("skipping an unreadable key in the JWT key set: {}", ex.toString());
            }
        }
        return Map.copyOf(keys);
    }

    private static Supplier<String> fetcher(URI jwks) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return () -> {
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(jwks)
                                .timeout(Duration.ofSeconds(3))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(jwks + " answered " + response.statusCode());
                }
                return response.body();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while fetching " + jwks, e);
            }
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
