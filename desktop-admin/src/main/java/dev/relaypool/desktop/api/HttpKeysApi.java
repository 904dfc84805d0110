package dev.relaypool.desktop.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.relaypool.model.member.KeyCreateRequest;
import dev.relaypool.model.member.KeyCreated;
import dev.relaypool.model.member.KeyView;
import dev.relaypool.model.api.Page;
import java.net.URI;

/** {@link KeysApi} over HTTP. */
public final class HttpKeysApi implements KeysApi {
    private static final String BASE = "api/v1/admin/keys";
    private final RestClient rest;

    public HttpKeysApi(RestClient rest) {
        this.rest = rest;
    }

    @Override
    public ApiResult<Page<KeyView>> list(URI server, String token, ListQuery query) {
        return rest.get(server, token, BASE, query.parameters(), new TypeReference<>() {});
    }

    @Override
    public ApiResult<KeyCreated> create(URI server, String token, long userId, KeyCreateRequest request) {
        return rest.send(server, token, "POST", "api/v1/admin/users/" + userId + "/keys", request, new TypeReference<>() {});
    }

    @Override
    public ApiResult<Void> setEnabled(URI server, String token, long id, boolean enabled) {
        return rest.send(server, token, "POST", BASE + "/" + id + (enabled ? "/enable" : "/disable"), null, RestClient.NOTHING);
    }

    @Override
    public ApiResult<Void> revoke(URI server, String token, long id) {
        return rest.send(server, token, "DELETE", BASE + "/" + id, null, RestClient.NOTHING);
    }
}
