package dev.relaypool.model.admin;

import java.time.Instant;
import java.util.List;

/** {@code GET /admin/prices}: the catalogue in force (source, when loaded, how many models) and the overrides. */
public record PriceCatalogueInfo(String source, Instant loadedAt, int modelCount, List<PriceOverride> overrides) {
    public PriceCatalogueInfo {
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
    }
}
