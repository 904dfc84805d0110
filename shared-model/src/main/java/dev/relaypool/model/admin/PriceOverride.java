package dev.relaypool.model.admin;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An operator price for one model, USD per million tokens; a null bucket falls back to the catalogue.
 * {@code PUT /admin/prices/{model}} takes this body ({@code model} and {@code updatedAt} are ignored there).
 */
public record PriceOverride(String model, BigDecimal inputPerMtok, BigDecimal outputPerMtok,
                            BigDecimal cacheWrite5mPerMtok, BigDecimal cacheWrite1hPerMtok,
                            BigDecimal cacheReadPerMtok, Long longContextThreshold,
                            BigDecimal inputAboveThresholdPerMtok, BigDecimal outputAboveThresholdPerMtok,
                            Instant updatedAt) {
    public PriceOverride {
        model = Checks.blankToNull(model);
        Checks.notNegative(inputPerMtok, "inputPerMtok");
        Checks.notNegative(outputPerMtok, "outputPerMtok");
        Checks.notNegative(cacheWrite5mPerMtok, "cacheWrite5mPerMtok");
        Checks.notNegative(cacheWrite1hPerMtok, "cacheWrite1hPerMtok");
        Checks.notNegative(cacheReadPerMtok, "cacheReadPerMtok");
        Checks.positive(longContextThreshold, "longContextThreshold");
        Checks.notNegative(inputAboveThresholdPerMtok, "inputAboveThresholdPerMtok");
        Checks.notNegative(outputAboveThresholdPerMtok, "outputAboveThresholdPerMtok");
    }
}
