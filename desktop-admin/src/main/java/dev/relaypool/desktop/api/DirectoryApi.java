package dev.relaypool.desktop.api;

import dev.relaypool.model.admin.GroupAccount;
import dev.relaypool.model.admin.GroupRequest;
import dev.relaypool.model.admin.GroupView;
import dev.relaypool.model.api.Page;
import java.net.URI;
import java.util.List;

/**
 * {@code /api/v1/admin/groups}: the groups that keys draw from and accounts serve, and which accounts are in each
 * at what priority.
 */
public interface DirectoryApi {
    ApiResult<Page<GroupView>> groups(URI server, String token, ListQuery query);

    ApiResult<GroupView> createGroup(URI server, String token, GroupRequest request);

    ApiResult<GroupView> updateGroup(URI server, String token, long id, GroupRequest request);

    ApiResult<Void> deleteGroup(URI server, String token, long id);

    ApiResult<List<GroupAccount>> groupAccounts(URI server, String token, long groupId);

    /** Puts the account in the group at {@code priority}, or moves it there; answers the group's accounts. */
    ApiResult<List<GroupAccount>> linkAccount(URI server, String token, long groupId, long accountId, int priority);

    ApiResult<Void> unlinkAccount(URI server, String token, long groupId, long accountId);
}
