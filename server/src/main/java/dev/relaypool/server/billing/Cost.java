package dev.relaypool.server.billing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one request costs, in USD at the storage scale ({@link CostCalculator#STORAGE_SCALE} decimal places).
 * Bucket amounts include the multiplier; {@code listTotal} is the cost at catalogue prices before it.
 *
 * <p>{@code total} is rounded once from the exact sum, so it may differ from the sum of the separately rounded
 * bucket amounts by a few units in the last place; {@code total} is what is charged.
 *
 * @param longContext whether the long-context price tier was used
 */
public record Cost(BigDecimal input, BigDecimal output, BigDecimal cacheWrite5m, BigDecimal cacheWrite1h,
                   BigDecimal cacheRead, BigDecimal listTotal, BigDecimal multiplier, BigDecimal total,
                   boolean longContext) {
    public Cost {
        for (BigDecimal amount : new BigDecimal[] {input, output, cacheWrite5m, cacheWrite1h, cacheRead, listTotal,
                multiplier, total}) {
            Objects.requireNonNull(amount, "cost amounts must not be null");
        }
    }

    public boolean isZero() {
        return total.signum() == 0;
    }
}
