package dev.relaypool.desktop.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.relaypool.model.admin.GroupRequest;
import dev.relaypool.model.admin.GroupView;
import dev.relaypool.model.admin.PriceCatalogueInfo;
import dev.relaypool.model.admin.PriceOverride;
import dev.relaypool.model.admin.RedeemBatch;
import dev.relaypool.model.admin.RedeemCodeView;
import dev.relaypool.model.admin.RedeemGenerateRequest;
import dev.relaypool.model.admin.SubscriptionAssignRequest;
import dev.relaypool.model.admin.SubscriptionView;
import dev.relaypool.model.api.Page;
import dev.relaypool.model.auth.ServerSettings;
import java.net.URI;
import java.util.Map;

/** {@link DirectoryApi} over HTTP. */
public final class HttpDirectoryApi implements DirectoryApi {
    private static final String ADMIN = "api/v1/admin/";
    private final RestClient rest;

    public HttpDirectoryApi(RestClient rest) {
        this.rest = rest;
    }

    @Override
    public ApiResult<Page<GroupView>> groups(URI server, String token, ListQuery query) {
        return rest.get(server, token, ADMIN + "groups", query.parameters(), new TypeReference<>() {});
    }

    @Override
    public ApiResult<GroupView> createGroup(URI server, String token, GroupRequest request) {
        return rest.send(server, token, "POST", ADMIN + "groups", request, new TypeReference<>() {});
    }

    @Override
    public ApiResult<Page<RedeemCodeView>> redeemCodes(URI server, String token, ListQuery query) {
        return rest.get(server, token, ADMIN + "redeem-codes", query.parameters(), new TypeReference<>() {});
    }

    @Override
    public ApiResult<RedeemBatch> generateCodes(URI server, String token, RedeemGenerateRequest request) {
        return rest.send(server, token, "POST", ADMIN + "redeem-codes", request, new TypeReference<>() {});
    }

    @Override
    public ApiResult<Page<SubscriptionView>> subscriptions(URI server, String token, ListQuery query) {
        return rest.get(server, token, ADMIN + "subscriptions", query.parameters(), new TypeReference<>() {});
    }

    @Override
    public ApiResult<SubscriptionView> assignSubscription(URI server, String token, SubscriptionAssignRequest request) {
        return rest.send(server, token, "POST", ADMIN + "subscriptions", request, new TypeReference<>() {});
    }

    @Override
    public ApiResult<PriceCatalogueInfo> prices(URI server, String token) {
        return rest.get(server, token, ADMIN + "prices", Map.of(), new TypeReference<>() {});
    }

    @Override
    public ApiResult<PriceOverride> savePrice(URI server, String token, String model, PriceOverride price) {
        // OkHttp percent-encodes the segment; a "/" in a model name would split it (no such model names today)
        return rest.send(server, token, "PUT", ADMIN + "prices/" + model, price, new TypeReference<>() {});
    }

    @Override
    public ApiResult<ServerSettings> settings(URI server, String token) {
        return rest.get(server, token, ADMIN + "settings", Map.of(), new TypeReference<>() {});
    }

    @Override
    public ApiResult<ServerSettings> saveSettings(URI server, String token, ServerSettings settings) {
        return rest.send(server, token, "PUT", ADMIN + "settings", settings, new TypeReference<>() {});
    }
}
