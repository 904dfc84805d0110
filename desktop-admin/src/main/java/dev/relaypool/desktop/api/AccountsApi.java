package dev.relaypool.desktop.api;

import dev.relaypool.model.admin.AccountCreateRequest;
import dev.relaypool.model.admin.AccountExport;
import dev.relaypool.model.admin.AccountTestEvent;
import dev.relaypool.model.admin.AccountUpdateRequest;
import dev.relaypool.model.admin.AccountView;
import dev.relaypool.model.admin.ImportResult;
import dev.relaypool.model.api.Page;
import java.net.URI;
import java.util.function.Consumer;

/** {@code /api/v1/admin/accounts}: the upstream accounts in the pool. Blocking; outcomes as values. */
public interface AccountsApi {
    ApiResult<Page<AccountView>> list(URI server, String token, ListQuery query);

    ApiResult<AccountView> create(URI server, String token, AccountCreateRequest request);

    ApiResult<AccountView> update(URI server, String token, long id, AccountUpdateRequest request);

    ApiResult<Void> setEnabled(URI server, String token, long id, boolean enabled);

    ApiResult<Void> clearCooldown(URI server, String token, long id);

    /** Sends a small request through the account; {@code progress} sees each stage as it streams in. */
    ApiResult<AccountTestEvent> test(URI server, String token, long id, Consumer<AccountTestEvent> progress);

    ApiResult<AccountExport> export(URI server, String token);

    ApiResult<ImportResult> importAccounts(URI server, String token, AccountExport accounts);
}
