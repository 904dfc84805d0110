package dev.relaypool.server.admin;

import static dev.relaypool.server.storage.schema.Tables.UPSTREAM_ACCOUNTS;

import dev.relaypool.model.admin.AccountCreateRequest;
import dev.relaypool.model.admin.AccountUpdateRequest;
import dev.relaypool.model.admin.AccountView;
import dev.relaypool.model.admin.GroupMembership;
import dev.relaypool.model.admin.LiveAccountState;
import dev.relaypool.server.accounts.AccountCredentials;
import dev.relaypool.server.api.Access;
import dev.relaypool.server.api.ApiRequest;
import dev.relaypool.server.api.ApiResponse;
import dev.relaypool.server.api.ApiTypes;
import dev.relaypool.server.api.Route;
import dev.relaypool.server.audit.Audit;
import dev.relaypool.server.members.PageQuery;
import dev.relaypool.server.members.Problems;
import dev.relaypool.server.storage.schema.tables.records.UpstreamAccountsRecord;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * {@code /api/v1/admin/accounts}: upstream accounts with live state. Credentials are write-only: accepted on create
 * and edit, stored encrypted, never part of an answer or of the audit log.
 */
final class AccountRoutes {
    static final String BASE = "/api/v1/admin/accounts";
    private final AdminContext ctx;

    AccountRoutes(AdminContext ctx) {
        this.ctx = ctx;
    }

    List<Route<?>> routes() {
        return List.of(
                Route.of("GET", BASE, Access.ADMIN, "Accounts (?status=&platform=&groupId=&q=, paginated)",
                        ApiTypes.pageOf(AccountView.class), Problems.guarded(r -> ApiResponse.ok(store(ctx.database().dsl())
                                .list(PageQuery.parse(r.query(), AccountStore.SORTABLE, "id,asc"))))),
                Route.of("POST", BASE, Access.ADMIN, "Create an API-key account (apiKey is write-only)",
                        AccountCreateRequest.class, AccountView.class, Problems.guarded(this::create)),
                Route.of("GET", BASE + "/{id}", Access.ADMIN, "One account", AccountView.class,
                        Problems.guarded(r -> ApiResponse.ok(find(Problems.id(r, "id"))))),
                Route.of("PATCH", BASE + "/{id}", Access.ADMIN, "Edit an account (null = unchanged)",
                        AccountUpdateRequest.class, AccountView.class, Problems.guarded(this::update)),
                Route.of("DELETE", BASE + "/{id}", Access.ADMIN, "Delete an account", Void.class,
                        Problems.guarded(this::delete)),
                Route.of("POST", BASE + "/{id}/enable", Access.ADMIN, "Enable an account (clears an error)",
                        AccountView.class, Problems.guarded(r -> status(r, "active"))),
                Route.of("POST", BASE + "/{id}/disable", Access.ADMIN, "Disable an account", AccountView.class,
                        Problems.guarded(r -> status(r, "disabled"))),
                Route.of("DELETE", BASE + "/{id}/cooldown", Access.ADMIN, "End the account's cooldown now",
                        AccountView.class, Problems.guarded(this::clearCooldown)));
    }

    private AccountStore store(DSLContext db) {
        return new AccountStore(db, ctx.coordination());
    }

    private AccountView find(long id) {
        return store(ctx.database().dsl()).find(id).orElseThrow(() -> Problems.notFound("account"));
    }

    private ApiResponse create(ApiRequest<AccountCreateRequest> request) {
        AccountCreateRequest body = request.body();
        String baseUrl = body.baseUrl() == null ? null : ctx.baseUrls().check(body.baseUrl());
        long id = ctx.database().transactionResult(tx -> {
            long created = tx.insertInto(UPSTREAM_ACCOUNTS)
                    .set(UPSTREAM_ACCOUNTS.NAME, body.name()).set(UPSTREAM_ACCOUNTS.PLATFORM, body.platform().wireName())
                    .set(UPSTREAM_ACCOUNTS.TYPE, "api_key").set(UPSTREAM_ACCOUNTS.BASE_URL, baseUrl)
                    .set(UPSTREAM_ACCOUNTS.CREDENTIALS, ctx.codec().encrypt(new AccountCredentials.ApiKey(body.apiKey())))
                    .set(UPSTREAM_ACCOUNTS.PROXY_ID, body.proxyId())
                    .set(UPSTREAM_ACCOUNTS.CONCURRENCY_LIMIT, body.concurrencyLimit())
                    .set(UPSTREAM_ACCOUNTS.PRIORITY, body.priority())
                    .set(UPSTREAM_ACCOUNTS.MODEL_MAPPING, AccountStore.mapping(body.modelMapping()))
                    .set(UPSTREAM_ACCOUNTS.NOTES, body.notes())
                    .returning(UPSTREAM_ACCOUNTS.ID).fetchSingle(UPSTREAM_ACCOUNTS.ID);
            GroupStore groups = new GroupStore(tx);
            for (GroupMembership group : body.groups()) {
                groups.link(group.groupId(), created, group.priority());
            }
            Audit.record(tx, request, "account.created", "account", created, Audit.change(body));
            return created;
        });
        ctx.accounts().reload();
        return ApiResponse.created(find(id));
    }

    private ApiResponse update(ApiRequest<AccountUpdateRequest> request) {
        long id = Problems.id(request, "id");
        AccountUpdateRequest change = request.body();
        String baseUrl = change.baseUrl() == null || change.baseUrl().isBlank() ? change.baseUrl()
                : ctx.baseUrls().check(change.baseUrl());
        ctx.database().transaction(tx -> {
            UpstreamAccountsRecord row = store(tx).lock(id).orElseThrow(() -> Problems.notFound("account"));
            if (change.name() != null) {
                row.setName(change.name());
            }
            if (baseUrl != null) {
                row.setBaseUrl(baseUrl.isBlank() ? null : baseUrl);
            }
            if (change.apiKey() != null) {
                if (!row.getType().equals("api_key")) {
                    throw Problems.badRequest("apiKey applies to API-key accounts only");
                }
                row.setCredentials(ctx.codec().encrypt(new AccountCredentials.ApiKey(change.apiKey())));
            }
            if (change.proxyId() != null) {
                row.setProxyId(change.proxyId() == 0 ? null : change.proxyId());
            }
            if (change.concurrencyLimit() != null) {
                row.setConcurrencyLimit(change.concurrencyLimit());
            }
            if (change.priority() != null) {
                row.setPriority(change.priority());
            }
            if (change.schedulable() != null) {
                row.setSchedulable(change.schedulable());
            }
            if (change.modelMapping() != null) {
                row.setModelMapping(AccountStore.mapping(change.modelMapping()));
            }
            if (change.notes() != null) {
                row.setNotes(change.notes());
            }
            row.setUpdatedAt(now());
            row.store();
            Audit.record(tx, request, "account.updated", "account", id, Audit.change(change));
        });
        ctx.accounts().reload();
        return ApiResponse.ok(find(id));
    }

    private ApiResponse delete(ApiRequest<Void> request) {
        long id = Problems.id(request, "id");
        ctx.database().transaction(tx -> {
            if (tx.deleteFrom(UPSTREAM_ACCOUNTS).where(UPSTREAM_ACCOUNTS.ID.eq(id)).execute() == 0) {
                throw Problems.notFound("account");
            }
            Audit.record(tx, request, "account.deleted", "account", id, Map.of());
        });
        ctx.accounts().reload();
        return ApiResponse.noContent();
    }

    private ApiResponse status(ApiRequest<Void> request, String status) {
        long id = Problems.id(request, "id");
        ctx.database().transaction(tx -> {
            UpstreamAccountsRecord row = store(tx).lock(id).orElseThrow(() -> Problems.notFound("account"));
            row.setStatus(status);
            if (status.equals("active")) {
                row.setErrorMessage(null);
            }
            row.setUpdatedAt(now());
            row.store();
            Audit.record(tx, request, status.equals("active") ? "account.enabled" : "account.disabled", "account", id,
                    Map.of());
        });
        ctx.accounts().reload();
        ctx.events().publish("account", new LiveAccountState(id, status.equals("active")
                ? LiveAccountState.ENABLED : LiveAccountState.DISABLED, "by an admin", null, ctx.clock().instant()));
        return ApiResponse.ok(find(id));
    }

    private ApiResponse clearCooldown(ApiRequest<Void> request) {
        long id = Problems.id(request, "id");
        find(id);
        ctx.coordination().cooldowns().clear(id);
        ctx.database().transaction(tx -> Audit.record(tx, request, "account.cooldown_cleared", "account", id, Map.of()));
        return ApiResponse.ok(find(id));
    }

    private OffsetDateTime now() {
        return ctx.clock().instant().atOffset(ZoneOffset.UTC);
    }
}
