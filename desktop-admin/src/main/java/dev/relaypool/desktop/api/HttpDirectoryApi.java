package dev.relaypool.desktop.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.relaypool.model.admin.GroupAccount;
import dev.relaypool.model.admin.GroupMembership;
import dev.relaypool.model.admin.GroupRequest;
import dev.relaypool.model.admin.GroupView;
import dev.relaypool.model.api.Page;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** {@link DirectoryApi} over HTTP. */
public final class HttpDirectoryApi implements DirectoryApi {
    private static final String BASE = "api/v1/admin/groups";
    private final RestClient rest;

    public HttpDirectoryApi(RestClient rest) {
        this.rest = rest;
    }

    @Override
    public ApiResult<Page<GroupView>> groups(URI server, String token, ListQuery query) {
        return rest.get(server, token, BASE, query.parameters(), new TypeReference<>() {});
    }

    @Override
    public ApiResult<GroupView> createGroup(URI server, String token, GroupRequest request) {
        return rest.send(server, token, "POST", BASE, request, new TypeReference<>() {});
    }

    @Override
    public ApiResult<GroupView> updateGroup(URI server, String token, long id, GroupRequest request) {
        return rest.send(server, token, "PUT", BASE + "/" + id, request, new TypeReference<>() {});
    }

    @Override
    public ApiResult<Void> deleteGroup(URI server, String token, long id) {
        return rest.send(server, token, "DELETE", BASE + "/" + id, null, RestClient.NOTHING);
    }

    @Override
    public ApiResult<List<GroupAccount>> groupAccounts(URI server, String token, long groupId) {
        return rest.get(server, token, BASE + "/" + groupId + "/accounts", Map.of(), new TypeReference<>() {});
    }

    @Override
    public ApiResult<List<GroupAccount>> linkAccount(URI server, String token, long groupId, long accountId, int priority) {
        return rest.send(server, token, "PUT", BASE + "/" + groupId + "/accounts/" + accountId,
                new GroupMembership(null, priority), new TypeReference<>() {});
    }

    @Override
    public ApiResult<Void> unlinkAccount(URI server, String token, long groupId, long accountId) {
        return rest.send(server, token, "DELETE", BASE + "/" + groupId + "/accounts/" + accountId, null, RestClient.NOTHING);
    }
}
