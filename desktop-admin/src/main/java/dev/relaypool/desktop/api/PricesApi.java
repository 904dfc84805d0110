package dev.relaypool.desktop.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaypool.model.admin.CataloguePrice;
import dev.relaypool.model.admin.PriceCatalogueInfo;
import dev.relaypool.model.admin.PriceOverride;
import dev.relaypool.model.api.Page;
import java.net.URI;

/** {@code /api/v1/admin/prices}: the catalogue in force, per-model overrides and catalogue uploads. */
public interface PricesApi {
    /** Where the catalogue came from, how many models it holds, and the overrides. */
    ApiResult<PriceCatalogueInfo> info(URI server, String token);

    /** Model prices in force (override applied), searched by {@code q}. */
    ApiResult<Page<CataloguePrice>> models(URI server, String token, ListQuery query);

    ApiResult<PriceOverride> saveOverride(URI server, String token, String model, PriceOverride price);

    ApiResult<Void> removeOverride(URI server, String token, String model);

    /** Uploads a LiteLLM-format catalogue; {@code replace} drops the bundled one, otherwise it extends it. */
    ApiResult<PriceCatalogueInfo> upload(URI server, String token, JsonNode catalogue, boolean replace);
}
