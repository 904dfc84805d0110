package dev.relaypool.model.admin;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * {@code GET /admin/prices/models}: one model's price in force (catalogue with the operator's override applied), USD
 * per million tokens; a null bucket is not priced. The long-context tier applies above {@code longContextThreshold}
 * input tokens; {@code overridden} says an operator override changes some bucket.
 */
public record CataloguePrice(String model, BigDecimal inputPerMtok, BigDecimal outputPerMtok,
                             BigDecimal cacheWrite5mPerMtok, BigDecimal cacheWrite1hPerMtok,
                             BigDecimal cacheReadPerMtok, Long longContextThreshold,
                             BigDecimal inputAboveThresholdPerMtok, BigDecimal outputAboveThresholdPerMtok,
                             boolean overridden) {
    public CataloguePrice {
        Objects.requireNonNull(model, "model");
    }
}
