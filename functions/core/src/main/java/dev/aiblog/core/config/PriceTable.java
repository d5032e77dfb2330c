package dev.aiblog.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aiblog.core.Json;
import dev.aiblog.core.model.TokenUsage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * USD prices per model, from configuration: {@code pricing.json} on the classpath, or the file or inline
 * JSON named by {@code PRICE_TABLE}. Turns token usage and image counts into a per-post cost.
 */
public final class PriceTable {
    private static final Logger LOG = LoggerFactory.getLogger(PriceTable.class);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /** Prices of one model. Token prices are per million tokens; {@code perImage} is keyed by quality. */
    public record ModelPrice(
            @JsonProperty("inputPerMillionTokens") BigDecimal inputPerMillionTokens,
            @JsonProperty("outputPerMillionTokens") BigDecimal outputPerMillionTokens,
            @JsonProperty("perImage") Map<String, BigDecimal> perImage) {}

    record Table(
            @JsonProperty("currency") String currency,
            @JsonProperty("models") Map<String, ModelPrice> models) {}

    private final Map<String, ModelPrice> models;

    private PriceTable(Map<String, ModelPrice> models) {
        this.models = Map.copyOf(models);
    }

    public static PriceTable load(Settings settings) {
        Optional<String> configured = settings.get("PRICE_TABLE");
        if (configured.isEmpty()) {
            try (InputStream in = PriceTable.class.getResourceAsStream("/pricing.json")) {
                if (in == null) {
                    throw new IllegalStateException("pricing.json is missing from the classpath");
                }
                return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String value = configured.get();
        if (value.startsWith("{")) {
            return parse(value);
        }
        try {
            return parse(Files.readString(Path.of(value)));
        } catch (IOException e) {
            throw new IllegalStateException("PRICE_TABLE names a file that cannot be read: " + value, e);
        }
    }

    public static PriceTable parse(String json) {
        Table table = Json.read(json, Table.class);
        if (table.models() == null || table.models().isEmpty()) {
            throw new IllegalArgumentException("price table has no \"models\"");
        }
        if (table.currency() != null && !"USD".equals(table.currency())) {
            throw new IllegalArgumentException("price table currency must be USD, was " + table.currency());
        }
        return new PriceTable(table.models());
    }

    public Optional<ModelPrice> price(String model) {
        return Optional.ofNullable(models.get(model));
    }

    /**
     * The cost of a text call plus an image call, rounded to a millionth of a dollar. A model that is not in
     * the table costs nothing here and is logged, so a missing price never fails a publish.
     */
    public BigDecimal cost(
            String textModel, TokenUsage textUsage, String imageModel, TokenUsage imageUsage, String imageQuality) {
        return costOf(textModel, textUsage, imageQuality)
                .add(costOf(imageModel, imageUsage, imageQuality))
                .setScale(6, RoundingMode.HALF_UP);
    }

    private BigDecimal costOf(String model, TokenUsage usage, String imageQuality) {
        if (usage == null || model == null) {
            return BigDecimal.ZERO;
        }
        Optional<ModelPrice> price = price(model);
        if (price.isEmpty()) {
            LOG.warn("no price for model {}; its cost is counted as 0", model);
            return BigDecimal.ZERO;
        }
        ModelPrice p = price.get();
        BigDecimal tokens = perMillion(usage.inputTokens(), p.inputPerMillionTokens())
                .add(perMillion(usage.outputTokens(), p.outputPerMillionTokens()));
        if (usage.images() > 0 && p.perImage() != null && usage.outputTokens() == 0) {
            BigDecimal each = p.perImage()
                    .getOrDefault(
                            imageQuality,
                            p.perImage().values().stream()
                                    .max(BigDecimal::compareTo)
                                    .orElse(BigDecimal.ZERO));
            tokens = tokens.add(each.multiply(BigDecimal.valueOf(usage.images())));
        }
        return tokens;
    }

    private static BigDecimal perMillion(long tokens, BigDecimal pricePerMillion) {
        if (pricePerMillion == null || tokens == 0) {
            return BigDecimal.ZERO;
        }
        return pricePerMillion.multiply(BigDecimal.valueOf(tokens)).divide(MILLION, MathContext.DECIMAL64);
    }
}
