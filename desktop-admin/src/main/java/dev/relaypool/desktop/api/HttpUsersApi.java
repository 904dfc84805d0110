package dev.relaypool.desktop.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.relaypool.model.admin.AdminUser;
import dev.relaypool.model.admin.BalanceAdjustRequest;
import dev.relaypool.model.admin.UserCreateRequest;
import dev.relaypool.model.admin.UserUpdateRequest;
import dev.relaypool.model.api.Page;
import java.net.URI;

/** {@link UsersApi} over HTTP. */
public final class HttpUsersApi implements UsersApi {
    private static final String BASE = "api/v1/admin/users";
    private final RestClient rest;

    public HttpUsersApi(RestClient rest) {
        this.rest = rest;
    }

    @Override
    public ApiResult<Page<AdminUser>> list(URI server, String token, ListQuery query) {
        return rest.get(server, token, BASE, query.parameters(), new TypeReference<>() {});
    }

    @Override
    public ApiResult<AdminUser> create(URI server, String token, UserCreateRequest request) {
        return rest.send(server, token, "POST", BASE, request, new TypeReference<>() {});
    }

    @Override
    public ApiResult<AdminUser> update(URI server, String token, long id, UserUpdateRequest request) {
        return rest.send(server, token, "PATCH", BASE + "/" + id, request, new TypeReference<>() {});
    }

    @Override
    public ApiResult<Void> adjustBalance(URI server, String token, long id, BalanceAdjustRequest request) {
        return rest.send(server, token, "POST", BASE + "/" + id + "/balance", request, RestClient.NOTHING);
    }
}
