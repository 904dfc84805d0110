package dev.relaypool.server.billing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One model's prices: the standard tier and the long-context tier (the catalogue's {@code *_above_200k_tokens}
 * fields). The same shape serves as an operator override, where every null field defers to the catalogue.
 */
public record ModelPrice(BucketPrices standard, BucketPrices longContext) {
    /** Long-context prices apply when a request's prompt (input + cache writes + cache reads) exceeds this. */
    public static final long LONG_CONTEXT_THRESHOLD = 200_000;

    public ModelPrice {
        Objects.requireNonNull(standard, "standard");
        Objects.requireNonNull(longContext, "longContext");
    }

    public static ModelPrice of(BucketPrices standard) {
        return new ModelPrice(standard, BucketPrices.NONE);
    }

    /** A model is priced once its standard input price is known; everything else has a documented fallback. */
    public boolean priced() {
        return standard.input() != null;
    }

    /** The model has a long-context tier when the catalogue states a long-context input price. */
    public boolean hasLongContextTier() {
        return priced() && longContext.input() != null;
    }

    public ModelPrice overriddenBy(ModelPrice override) {
        return new ModelPrice(standard.overriddenBy(override.standard), longContext.overriddenBy(override.longContext));
    }

    /**
     * The prices to bill with. Fallbacks for buckets the catalogue does not state (see docs/billing.md): output →
     * 0 (embedding-style models), cache write 5m → input, cache write 1h → cache write 5m, cache read → input.
     * In the long-context tier a bucket without a tier price keeps the standard tier's resolved price.
     *
     * @throws IllegalStateException if the model is not {@link #priced()}
     */
    public UnitPrices unitPrices(boolean useLongContextTier) {
        if (!priced()) {
            throw new IllegalStateException("model has no input price");
        }
        BigDecimal input = standard.input();
        BigDecimal output = orElse(standard.output(), BigDecimal.ZERO);
        BigDecimal write5m = orElse(standard.cacheWrite5m(), input);
        BigDecimal write1h = orElse(standard.cacheWrite1h(), write5m);
        BigDecimal read = orElse(standard.cacheRead(), input);
        UnitPrices base = new UnitPrices(input, output, write5m, write1h, read);
        if (!useLongContextTier || !hasLongContextTier()) {
            return base;
        }
        return new UnitPrices(
                longContext.input(),
                orElse(longContext.output(), base.output()),
                orElse(longContext.cacheWrite5m(), base.cacheWrite5m()),
                orElse(longContext.cacheWrite1h(), base.cacheWrite1h()),
                orElse(longContext.cacheRead(), base.cacheRead()));
    }

    private static BigDecimal orElse(BigDecimal value, BigDecimal fallback) {
        return value != null ? value : fallback;
    }
}
