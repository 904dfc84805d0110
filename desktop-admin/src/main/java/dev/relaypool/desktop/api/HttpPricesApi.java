package dev.relaypool.desktop.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.relaypool.model.admin.CataloguePrice;
import dev.relaypool.model.admin.PriceCatalogueInfo;
import dev.relaypool.model.admin.PriceOverride;
import dev.relaypool.model.api.Page;
import java.net.URI;
import java.util.Map;

/** {@link PricesApi} over HTTP. */
public final class HttpPricesApi implements PricesApi {
    private static final String BASE = "api/v1/admin/prices";
    private final RestClient rest;

    public HttpPricesApi(RestClient rest) {
        this.rest = rest;
    }

    @Override
    public ApiResult<PriceCatalogueInfo> info(URI server, String token) {
        return rest.get(server, token, BASE, Map.of(), new TypeReference<>() {});
    }

    @Override
    public ApiResult<Page<CataloguePrice>> models(URI server, String token, ListQuery query) {
        return rest.get(server, token, BASE + "/models", query.parameters(), new TypeReference<>() {});
    }

    @Override
    public ApiResult<PriceOverride> saveOverride(URI server, String token, String model, PriceOverride price) {
        // OkHttp percent-encodes the segment; a "/" in a model name would split it (the server would answer 404)
        return rest.send(server, token, "PUT", BASE + "/" + model, price, new TypeReference<>() {});
    }

    @Override
    public ApiResult<Void> removeOverride(URI server, String token, String model) {
        return rest.send(server, token, "DELETE", BASE + "/" + model, null, RestClient.NOTHING);
    }

    @Override
    public ApiResult<PriceCatalogueInfo> upload(URI server, String token, JsonNode catalogue, boolean replace) {
        return rest.send(server, token, "POST", BASE + "/catalogue", Map.of("mode", replace ? "replace" : "extend"),
                catalogue, new TypeReference<>() {});
    }
}
