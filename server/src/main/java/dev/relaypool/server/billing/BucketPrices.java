package dev.relaypool.server.billing;

import java.math.BigDecimal;

/**
 * USD prices per token for the five usage buckets of one price tier, as a catalogue or an operator states them.
 * A null field means "not stated here": the catalogue did not list it, or an override leaves it to the catalogue.
 * Resolution of missing buckets into usable prices happens in {@link ModelPrice#unitPrices(boolean)}.
 */
public record BucketPrices(BigDecimal input, BigDecimal output, BigDecimal cacheWrite5m, BigDecimal cacheWrite1h,
                           BigDecimal cacheRead) {
    public static final BucketPrices NONE = new BucketPrices(null, null, null, null, null);

    public BucketPrices {
        requireNonNegative(input, "input");
        requireNonNegative(output, "output");
        requireNonNegative(cacheWrite5m, "cacheWrite5m");
        requireNonNegative(cacheWrite1h, "cacheWrite1h");
        requireNonNegative(cacheRead, "cacheRead");
    }

    /** Field by field: a price stated in {@code override} wins, a null one keeps this one. */
    public BucketPrices overriddenBy(BucketPrices override) {
        return new BucketPrices(
                pick(override.input, input), pick(override.output, output), pick(override.cacheWrite5m, cacheWrite5m),
                pick(override.cacheWrite1h, cacheWrite1h), pick(override.cacheRead, cacheRead));
    }

    public boolean isEmpty() {
        return input == null && output == null && cacheWrite5m == null && cacheWrite1h == null && cacheRead == null;
    }

    private static BigDecimal pick(BigDecimal preferred, BigDecimal fallback) {
        return preferred != null ? preferred : fallback;
    }

    private static void requireNonNegative(BigDecimal price, String bucket) {
        if (price != null && price.signum() < 0) {
            throw new IllegalArgumentException(bucket + " price must not be negative: " + price.toPlainString());
        }
    }
}
