package dev.aiblog.functions.api;

import static dev.aiblog.functions.api.RoutesTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiblog.aws.store.DynamoDbLedger;
import dev.aiblog.core.config.Settings;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** POST /blogs under the monthly budget and the per-user daily quota, on the emulators with the API's own role. */
class LimitsTest {
    private static ApiHandler handler(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(TestAws.settings().asMap());
        env.putAll(overrides);
        return new ApiHandler(Settings.of(env));
    }

    private static HttpApiResponse submit(ApiHandler handler, String user, String topic, String key) {
        Events request = Events.request("POST", "/blogs").as(user).body("{\"topic\":\"" + topic + "\"}");
        if (key != null) {
            request.header("idempotency-key", key);
        }
        return handler.handle(request.build());
    }

    @Test
    void answers429QuotaExceededWithRetryAfter_pastTheUsersDailyQuota_andNotForAnotherUser() {
        ApiHandler handler = handler(Map.of("DAILY_POSTS_PER_USER", "2"));
        String ann = "ann-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();

        HttpApiResponse first = submit(handler, ann, "Tide pools in winter", "k1");
        HttpApiResponse retried = submit(handler, ann, "Tide pools in winter", "k1");
        HttpApiResponse second = submit(handler, ann, "Tide pools in spring", "k2");
        HttpApiResponse third = submit(handler, ann, "Tide pools in summer", "k3");
        HttpApiResponse bobs = submit(handler, bob, "Tide pools in autumn", null);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(retried.statusCode()).isEqualTo(202);
        assertThat(json(retried).get("requestId")).isEqualTo(json(first).get("requestId"));
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(json(third).at("/error/code").asText()).isEqualTo("QUOTA_EXCEEDED");
        assertThat(json(third).at("/error/message").asText()).contains("2 posts today");
        assertThat(Long.parseLong(third.headers().get("retry-after"))).isBetween(1L, 86_400L);
        assertThat(bobs.statusCode()).isEqualTo(202);
    }

    @Test
    void answers429BudgetExhaustedSayingWhenItResets_whenTheMonthsSpendHasReachedTheBudget() {
        ApiHandler handler = handler(Map.of("MONTHLY_BUDGET_USD", "0.02"));
        String user = "carol-" + UUID.randomUUID();
        assertThat(submit(handler, user, "Before the budget is spent", null).statusCode())
                .isEqualTo(202);
        new DynamoDbLedger(TestAws.aws().dynamoDb(), TestAws.settings().ledgerTable())
                .record("post-" + UUID.randomUUID(), YearMonth.now(ZoneOffset.UTC), new BigDecimal("0.02"));

        HttpApiResponse refused = submit(handler, user, "After the budget is spent", null);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(json(refused).at("/error/code").asText()).isEqualTo("BUDGET_EXHAUSTED");
        assertThat(json(refused).at("/error/message").asText())
                .contains("monthly budget of $0.02")
                .contains(YearMonth.now(ZoneOffset.UTC).plusMonths(1).atDay(1) + "T00:00:00Z");
        assertThat(refused.headers()).containsKey("retry-after");
    }
}
