package dev.relaypool.desktop.api;

import dev.relaypool.model.admin.AdminUser;
import dev.relaypool.model.admin.BalanceAdjustRequest;
import dev.relaypool.model.admin.UserCreateRequest;
import dev.relaypool.model.admin.UserUpdateRequest;
import dev.relaypool.model.api.Page;
import java.net.URI;

/** {@code /api/v1/admin/users}: members and admins, their limits and balances. */
public interface UsersApi {
    ApiResult<Page<AdminUser>> list(URI server, String token, ListQuery query);

    ApiResult<AdminUser> create(URI server, String token, UserCreateRequest request);

    ApiResult<AdminUser> update(URI server, String token, long id, UserUpdateRequest request);

    ApiResult<Void> adjustBalance(URI server, String token, long id, BalanceAdjustRequest request);
}
