package dev.relaypool.desktop.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.relaypool.model.admin.AdminUser;
import dev.relaypool.model.api.Page;
import dev.relaypool.model.member.KeyCreateRequest;
import dev.relaypool.model.member.KeyCreated;
import dev.relaypool.model.member.KeyView;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link KeysApi} over HTTP. The server lists keys per member only, so "all keys" gathers them member by member
 * (the first 500 members) and this class does the search, status filter and paging the table asks for.
 */
public final class HttpKeysApi implements KeysApi {
    private static final String USERS = "api/v1/admin/users";
    private static final int MAX_USERS = 500;
    private final RestClient rest;

    public HttpKeysApi(RestClient rest) {
        this.rest = rest;
    }

    @Override
    public ApiResult<Page<KeyView>> list(URI server, String token, ListQuery query) {
        List<Long> owners = new ArrayList<>();
        String only = query.filters().get("userId");
        if (only != null) {
            owners.add(Long.parseLong(only));
        } else {
            ApiResult<Page<AdminUser>> users = rest.get(server, token, USERS,
                    Map.of("size", Integer.toString(MAX_USERS), "sort", "id,asc"), new TypeReference<>() {});
            if (!(users instanceof ApiResult.Ok<Page<AdminUser>>(Page<AdminUser> page))) {
                return relay(users);
            }
            page.items().forEach(u -> owners.add(u.id()));
        }
        List<KeyView> all = new ArrayList<>();
        for (long owner : owners) {
            ApiResult<List<KeyView>> keys = rest.get(server, token, USERS + "/" + owner + "/keys", Map.of(), new TypeReference<>() {});
            if (!(keys instanceof ApiResult.Ok<List<KeyView>>(List<KeyView> got))) {
                return relay(keys);
            }
            all.addAll(got);
        }
        String search = query.search().toLowerCase(Locale.ROOT);
        String status = query.filters().get("status");
        List<KeyView> matching = all.stream()
                .filter(k -> search.isEmpty() || (k.name() + " " + k.prefix()).toLowerCase(Locale.ROOT).contains(search))
                .filter(k -> status == null || status.equals(k.status()))
                .sorted(Comparator.comparing(KeyView::createdAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
        int from = Math.min(matching.size(), query.page() * query.size());
        int to = Math.min(matching.size(), from + query.size());
        return new ApiResult.Ok<>(new Page<>(matching.subList(from, to), matching.size(), query.page(), query.size()));
    }

    private static <T> ApiResult<Page<KeyView>> relay(ApiResult<T> failure) {
        return switch (failure) {
            case ApiResult.Ok<T> ok -> throw new IllegalStateException("not a failure");
            case ApiResult.Unauthorized<T> u -> new ApiResult.Unauthorized<>();
            case ApiResult.Unreachable<T>(String detail) -> new ApiResult.Unreachable<>(detail);
            case ApiResult.Failed<T>(int status, String message) -> new ApiResult.Failed<>(status, message);
        };
    }

    @Override
    public ApiResult<KeyCreated> create(URI server, String token, long userId, KeyCreateRequest request) {
        return rest.send(server, token, "POST", USERS + "/" + userId + "/keys", request, new TypeReference<>() {});
    }

    @Override
    public ApiResult<Void> setEnabled(URI server, String token, KeyView key, boolean enabled) {
        return rest.send(server, token, "POST", USERS + "/" + key.userId() + "/keys/" + key.id() + (enabled ? "/enable" : "/disable"),
                null, RestClient.NOTHING);
    }

    @Override
    public ApiResult<Void> revoke(URI server, String token, KeyView key) {
        return rest.send(server, token, "DELETE", USERS + "/" + key.userId() + "/keys/" + key.id(), null, RestClient.NOTHING);
    }
}
