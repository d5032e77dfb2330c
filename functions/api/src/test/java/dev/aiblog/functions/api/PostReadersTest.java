package dev.aiblog.functions.api;

import static dev.aiblog.functions.api.RoutesTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.core.config.Settings;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /blogs/{id} as different readers see it: likedByMe for a caller with a valid token, and the share link. */
class PostReadersTest {
    static final TestJwts POOL = new TestJwts("pool-key");
    static ApiHandler handler;

    static Settings settingsWith(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(TestAws.settings().asMap());
        env.putAll(extra);
        return Settings.of(env);
    }

    @BeforeAll
    static void start() {
        handler = new ApiHandler(settingsWith(
                Map.of("JWT_ISSUER", TestJwts.ISSUER, "JWT_AUDIENCE", TestJwts.CLIENT, "JWT_JWKS", POOL.jwks())));
    }

    private static HttpApiResponse call(Events request) {
        return handler.handle(request.build());
    }

    private static Events get(String id, String token) {
        Events request = Events.request("GET", "/blogs/" + id);
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    @Test
    void aSignedInReaderLearnsWhetherTheyLikeThePost() {
        String id = UUID.randomUUID().toString();
        TestData.publish(id, "Who liked this", List.of("likes"), Instant.now());
        call(Events.request("POST", "/blogs/" + id + "/likes").as("ann"));
        String annToken = POOL.sign(TestJwts.accessClaims("ann"));
        String bobToken = POOL.sign(TestJwts.accessClaims("bob"));

        JsonNode ann = json(call(get(id, annToken)));
        JsonNode bob = json(call(get(id, bobToken)));
        JsonNode anonymous = json(call(get(id, null)));

        assertThat(ann.get("likedByMe").asBoolean()).isTrue();
        assertThat(ann.get("likes").asLong()).isEqualTo(1);
        assertThat(bob.get("likedByMe").isBoolean()).isTrue();
        assertThat(bob.get("likedByMe").asBoolean()).isFalse();
        assertThat(anonymous.has("likedByMe")).isTrue();
        assertThat(anonymous.get("likedByMe").isNull()).isTrue();

        call(Events.request("DELETE", "/blogs/" + id + "/likes").as("ann"));
        assertThat(json(call(get(id, annToken))).get("likedByMe").asBoolean())
                .as("after unliking")
                .isFalse();
    }

    @Test
    void aTokenThatDoesNotVerifyReadsAsAnonymousNotAsAnError() {
        String id = UUID.randomUUID().toString();
        TestData.publish(id, "Stale tokens", List.of("auth"), Instant.now());
        Map<String, Object> expired = TestJwts.accessClaims("ann");
        expired.put("exp", Instant.now().getEpochSecond() - 3600);
        String forged = new TestJwts("pool-key").sign(TestJwts.accessClaims("ann"));

        for (String token : List.of(POOL.sign(expired), forged, "not-a-jwt")) {
            HttpApiResponse response = call(get(id, token));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("likedByMe").isNull()).as(token).isTrue();
        }
    }

    @Test
    void claimsFromTheAuthorizerCountAsTheCaller() {
        String id = UUID.randomUUID().toString();
        TestData.publish(id, "Claims", List.of("auth"), Instant.now());
        call(Events.request("POST", "/blogs/" + id + "/likes").as(Events.USER));

        assertThat(json(call(Events.request("GET", "/blogs/" + id).asUser()))
                        .get("likedByMe")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void theShareLinkIsThePublicPageAtTheAddressTheRequestCameIn() {
        String id = UUID.randomUUID().toString();
        TestData.publish(id, "Sharing", List.of("links"), Instant.now());

        JsonNode viaApiGateway = json(call(get(id, null)
                .domain("abc123.execute-api.eu-west-1.amazonaws.com", "prod")
                .header("x-forwarded-proto", "https")
                .header("x-forwarded-port", "443")));
        JsonNode local = json(call(get(id, null)
                .domain("localhost", "$default")
                .header("x-forwarded-proto", "http")
                .header("x-forwarded-port", "3000")));
        JsonNode configured = json(new ApiHandler(settingsWith(Map.of("PUBLIC_BASE_URL", "https://blog.example.com/")))
                .handle(get(id, null)
                        .domain("abc123.execute-api.eu-west-1.amazonaws.com", "prod")
                        .build()));

        assertThat(viaApiGateway.get("shareUrl").asText())
                .isEqualTo("https://abc123.execute-api.eu-west-1.amazonaws.com/prod/p/" + id);
        assertThat(local.get("shareUrl").asText()).isEqualTo("http://localhost:3000/p/" + id);
        assertThat(configured.get("shareUrl").asText()).isEqualTo("https://blog.example.com/p/" + id);
    }
}
