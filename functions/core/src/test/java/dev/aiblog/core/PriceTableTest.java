package dev.aiblog.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiblog.core.config.PriceTable;
import dev.aiblog.core.config.Settings;
import dev.aiblog.core.model.TokenUsage;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceTableTest {
    private final PriceTable prices = PriceTable.load(Settings.of(Map.of()));

    @Test
    void pricesTextTokensAndImageTokensFromTheBundledTable() {
        // gpt-4.1-mini: 0.40 in / 1.60 out per million; gpt-image-1: 5 in / 40 out per million
        BigDecimal cost = prices.cost(
                "gpt-4.1-mini", TokenUsage.text(1_000_000, 500_000), "gpt-image-1", new TokenUsage(40, 272, 1), "low");

        BigDecimal expected = new BigDecimal("0.40")
                .add(new BigDecimal("0.80"))
                .add(new BigDecimal("0.0002"))
                .add(new BigDecimal("0.01088"));
        assertThat(cost).isEqualByComparingTo(expected);
    }

    @Test
    void pricesAnImagePerQualityWhenTheModelReportsNoTokens() {
        BigDecimal cost =
                prices.cost("gpt-4.1-mini", TokenUsage.NONE, "gpt-image-1", new TokenUsage(0, 0, 2), "medium");

        assertThat(cost).isEqualByComparingTo("0.084");
    }

    @Test
    void countsAnUnpricedModelAsFree() {
        assertThat(prices.cost(
                        "no-such-model", TokenUsage.text(1000, 1000), "offline-image", new TokenUsage(0, 0, 1), "low"))
                .isEqualByComparingTo("0");
    }

    @Test
    void readsAnInlineTableFromConfiguration() {
        PriceTable custom = PriceTable.load(
                Settings.of(
                        Map.of(
                                "PRICE_TABLE",
                                "{\"currency\":\"USD\",\"models\":{\"m\":{\"inputPerMillionTokens\":1,\"outputPerMillionTokens\":2}}}")));

        assertThat(custom.cost("m", TokenUsage.text(2_000_000, 1_000_000), null, null, "low"))
                .isEqualByComparingTo("4");
    }

    @Test
    void refusesATableInAnotherCurrency() {
        assertThatThrownBy(() -> PriceTable.parse("{\"currency\":\"EUR\",\"models\":{\"m\":{}}}"))
                .hasMessageContaining("USD");
    }
}
