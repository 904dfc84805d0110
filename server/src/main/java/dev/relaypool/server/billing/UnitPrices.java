package dev.relaypool.server.billing;

import java.math.BigDecimal;
import java.util.Objects;

/** Resolved USD prices per token for every bucket: what a cost is computed from. Never null, never negative. */
public record UnitPrices(BigDecimal input, BigDecimal output, BigDecimal cacheWrite5m, BigDecimal cacheWrite1h,
                         BigDecimal cacheRead) {
    private static final BigDecimal ONE_MILLION = BigDecimal.valueOf(1_000_000);

    public UnitPrices {
        for (BigDecimal price : new BigDecimal[] {input, output, cacheWrite5m, cacheWrite1h, cacheRead}) {
            Objects.requireNonNull(price, "every bucket needs a price");
            if (price.signum() < 0) {
                throw new IllegalArgumentException("unit price must not be negative: " + price.toPlainString());
            }
        }
    }

    /** The same price for every bucket, given per million tokens (billing.default-price-per-million). */
    public static UnitPrices flatPerMillion(BigDecimal usdPerMillion) {
        BigDecimal perToken = usdPerMillion.divide(ONE_MILLION); // exact: a power of ten
        return new UnitPrices(perToken, perToken, perToken, perToken, perToken);
    }
}
