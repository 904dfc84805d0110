package dev.relaypool.server.admin;

import static dev.relaypool.server.storage.schema.Tables.USERS;

import dev.relaypool.model.admin.AdminUser;
import dev.relaypool.model.admin.AllowedGroups;
import dev.relaypool.model.admin.BalanceAdjustRequest;
import dev.relaypool.model.admin.BalanceEntry;
import dev.relaypool.model.admin.UserCreateRequest;
import dev.relaypool.model.admin.UserUpdateRequest;
import dev.relaypool.server.api.Access;
import dev.relaypool.server.api.ApiRequest;
import dev.relaypool.server.api.ApiResponse;
import dev.relaypool.server.api.ApiTypes;
import dev.relaypool.server.api.Principal;
import dev.relaypool.server.api.Route;
import dev.relaypool.server.audit.Audit;
import dev.relaypool.server.members.PageQuery;
import dev.relaypool.server.members.Problems;
import dev.relaypool.server.storage.schema.tables.records.UsersRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/admin/users}: list, create, read, edit, disable, balance adjustments, allowed groups. */
final class UserRoutes {
    private static final String BASE = "/api/v1/admin/users";
    private final AdminContext ctx;

    UserRoutes(AdminContext ctx) {
        this.ctx = ctx;
    }

    List<Route<?>> routes() {
        return List.of(
                Route.of("GET", BASE, Access.ADMIN, "Users (?status=&role=&q=, paginated, sortable)",
                        ApiTypes.pageOf(AdminUser.class), Problems.guarded(this::list)),
                Route.of("POST", BASE, Access.ADMIN, "Create a user", UserCreateRequest.class, AdminUser.class,
                        Problems.guarded(this::create)),
                Route.of("GET", BASE + "/{id}", Access.ADMIN, "One user", AdminUser.class, Problems.guarded(this::get)),
                Route.of("PATCH", BASE + "/{id}", Access.ADMIN, "Edit a user (null = unchanged, limit 0 = none)",
                        UserUpdateRequest.class, AdminUser.class, Problems.guarded(this::update)),
                Route.of("POST", BASE + "/{id}/disable", Access.ADMIN, "Disable a user (signs them out)",
                        AdminUser.class, Problems.guarded(r -> update(withStatus(r, "disabled")))),
                Route.of("POST", BASE + "/{id}/enable", Access.ADMIN, "Enable a user",
                        AdminUser.class, Problems.guarded(r -> update(withStatus(r, "active")))),
                Route.of("POST", BASE + "/{id}/balance", Access.ADMIN, "Adjust the balance, with a reason",
                        BalanceAdjustRequest.class, BalanceEntry.class, Problems.guarded(this::adjust)),
                Route.of("GET", BASE + "/{id}/balance", Access.ADMIN, "The latest 100 balance ledger entries",
                        ApiTypes.listOf(BalanceEntry.class), Problems.guarded(this::ledger)),
                Route.of("GET", BASE + "/{id}/allowed-groups", Access.ADMIN, "Exclusive groups the user may use",
                        AllowedGroups.class, Problems.guarded(this::allowedGroups)),
                Route.of("PUT", BASE + "/{id}/allowed-groups", Access.ADMIN, "Replace the user's allowed groups",
                        AllowedGroups.class, AllowedGroups.class, Problems.guarded(this::replaceAllowedGroups)));
    }

    private ApiResponse list(ApiRequest<Void> request) {
        PageQuery page = PageQuery.parse(request.query(), UserStore.SORTABLE, "id,asc");
        return ApiResponse.ok(new UserStore(ctx.database().dsl()).list(page));
    }

    private ApiResponse create(ApiRequest<UserCreateRequest> request) {
        UserCreateRequest body = request.body();
        if (ctx.database().dsl().fetchExists(USERS, USERS.EMAIL.equalIgnoreCase(body.email()))) {
            throw Problems.conflict("a user with that e-mail exists");
        }
        String hash = ctx.hasher().hash(body.password());
        AdminUser created = ctx.database().transactionResult(tx -> {
            UsersRecord row = tx.insertInto(USERS)
                    .set(USERS.EMAIL, body.email()).set(USERS.PASSWORD_HASH, hash)
                    .set(USERS.DISPLAY_NAME, body.displayName()).set(USERS.ROLE, body.role())
                    .set(USERS.CONCURRENCY_LIMIT, body.concurrencyLimit()).set(USERS.RPM_LIMIT, body.rpmLimit())
                    .set(USERS.TPM_LIMIT, body.tpmLimit()).set(USERS.NOTES, body.notes())
                    .returning().fetchSingle();
            Audit.record(tx, request, "user.created", "user", row.getId(), Audit.change(body));
            return UserStore.view(row);
        });
        return ApiResponse.created(created);
    }

    private ApiResponse get(ApiRequest<Void> request) {
        long id = Problems.id(request, "id");
        return ApiResponse.ok(new UserStore(ctx.database().dsl()).find(id).orElseThrow(() -> Problems.notFound("user")));
    }

    private ApiResponse update(ApiRequest<UserUpdateRequest> request) {
        long id = Problems.id(request, "id");
        Instant now = ctx.clock().instant();
        UsersRecord after = ctx.database().transactionResult(tx -> {
            UserStore users = new UserStore(tx);
            UsersRecord row = users.lock(id).orElseThrow(() -> Problems.notFound("user"));
            if (isSelf(request, id) && ("disabled".equals(request.body().status()) || "member".equals(request.body().role()))) {
                throw Problems.badRequest("you cannot disable or demote yourself");
            }
            users.update(row, request.body(), now);
            Audit.record(tx, request, "user.updated", "user", id, Audit.change(request.body()));
            return row;
        });
        if (after.getTokensValidAfter() != null && !after.getTokensValidAfter().toInstant().isBefore(now)) {
            ctx.validAfter().changed(id, "active".equals(after.getStatus()) ? now : Instant.MAX);
        }
        ctx.keys().invalidateAll();
        return ApiResponse.ok(UserStore.view(after));
    }

    private static boolean isSelf(ApiRequest<?> request, long userId) {
        return request.principal().orElseThrow() instanceof Principal.User user && user.userId() == userId;
    }

    private static ApiRequest<UserUpdateRequest> withStatus(ApiRequest<Void> r, String status) {
        return new ApiRequest<>(new UserUpdateRequest(null, null, status, null, null, null, null), r.principal(),
                r.pathParameters(), r.query(), r.cookies(), r.clientIp(), r.userAgent(), r.secure(), r.headers());
    }

    private ApiResponse adjust(ApiRequest<BalanceAdjustRequest> request) {
        long id = Problems.id(request, "id");
        Long actor = request.principal().orElseThrow() instanceof Principal.User user ? user.userId() : null;
        BalanceEntry entry = ctx.database().transactionResult(tx -> {
            UserStore users = new UserStore(tx);
            users.lock(id).orElseThrow(() -> Problems.notFound("user"));
            long auditId = Audit.record(tx, request, "user.balance_adjusted", "user", id,
                    Map.of("amount", request.body().amount(), "reason", request.body().reason()));
            return users.adjust(id, request.body().amount(), actor, "audit:" + auditId);
        });
        return ApiResponse.ok(entry);
    }

    private ApiResponse ledger(ApiRequest<Void> request) {
        long id = Problems.id(request, "id");
        UserStore users = new UserStore(ctx.database().dsl());
        users.find(id).orElseThrow(() -> Problems.notFound("user"));
        return ApiResponse.ok(users.ledger(id, 100));
    }

    private ApiResponse allowedGroups(ApiRequest<Void> request) {
        long id = Problems.id(request, "id");
        UserStore users = new UserStore(ctx.database().dsl());
        users.find(id).orElseThrow(() -> Problems.notFound("user"));
        return ApiResponse.ok(new AllowedGroups(users.allowedGroups(id)));
    }

    private ApiResponse replaceAllowedGroups(ApiRequest<AllowedGroups> request) {
        long id = Problems.id(request, "id");
        AllowedGroups groups = ctx.database().transactionResult(tx -> {
            UserStore users = new UserStore(tx);
            users.lock(id).orElseThrow(() -> Problems.notFound("user"));
            users.replaceAllowedGroups(id, request.body().groupIds());
            Audit.record(tx, request, "user.allowed_groups_replaced", "user", id, Audit.change(request.body()));
            return new AllowedGroups(users.allowedGroups(id));
        });
        ctx.keys().invalidateAll();
        return ApiResponse.ok(groups);
    }
}
