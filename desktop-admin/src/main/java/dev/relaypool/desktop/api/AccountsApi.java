package dev.relaypool.desktop.api;

import dev.relaypool.model.admin.AccountCreateRequest;
import dev.relaypool.model.admin.AccountExport;
import dev.relaypool.model.admin.AccountTestEvent;
import dev.relaypool.model.admin.AccountUpdateRequest;
import dev.relaypool.model.admin.AccountView;
import dev.relaypool.model.admin.AccountWindows;
import dev.relaypool.model.admin.ImportResult;
import dev.relaypool.model.admin.OAuthFinishRequest;
import dev.relaypool.model.admin.OAuthStartRequest;
import dev.relaypool.model.admin.OAuthStarted;
import dev.relaypool.model.api.Page;
import java.net.URI;
import java.util.List;
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

    /** Each account's last reported 5-hour / 7-day rate-limit windows (subscription accounts only). */
    ApiResult<List<AccountWindows>> windows(URI server, String token);

    /** Starts an OAuth sign-in: the provider page to open and the state its redirect must carry back. */
    ApiResult<OAuthStarted> startOAuth(URI server, String token, OAuthStartRequest request);

    /** Finishes it with what the redirect carried; the account created (or re-authorised). */
    ApiResult<AccountView> finishOAuth(URI server, String token, OAuthFinishRequest request);
}
