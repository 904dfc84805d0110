package dev.relaypool.desktop.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.relaypool.model.admin.SubscriptionAssignRequest;
import dev.relaypool.model.admin.SubscriptionExtendRequest;
import dev.relaypool.model.admin.SubscriptionView;
import dev.relaypool.model.api.Page;
import dev.relaypool.model.member.SubscriptionProgress;
import java.net.URI;
import java.util.Map;

/** {@link SubscriptionsApi} over HTTP. */
public final class HttpSubscriptionsApi implements SubscriptionsApi {
    private static final String BASE = "api/v1/admin/subscriptions";
    private final RestClient rest;

    public HttpSubscriptionsApi(RestClient rest) {
        this.rest = rest;
    }

    @Override
    public ApiResult<Page<SubscriptionView>> list(URI server, String token, ListQuery query) {
        return rest.get(server, token, BASE, query.parameters(), new TypeReference<>() {});
    }

    @Override
    public ApiResult<SubscriptionView> assign(URI server, String token, SubscriptionAssignRequest request) {
        return rest.send(server, token, "POST", BASE, request, new TypeReference<>() {});
    }

    @Override
    public ApiResult<SubscriptionView> extend(URI server, String token, long id, SubscriptionExtendRequest request) {
        return rest.send(server, token, "POST", BASE + "/" + id + "/extend", request, new TypeReference<>() {});
    }

    @Override
    public ApiResult<SubscriptionView> revoke(URI server, String token, long id) {
        return rest.send(server, token, "POST", BASE + "/" + id + "/revoke", null, new TypeReference<>() {});
    }

    @Override
    public ApiResult<SubscriptionProgress> progress(URI server, String token, long id) {
        return rest.get(server, token, BASE + "/" + id + "/progress", Map.of(), new TypeReference<>() {});
    }
}
