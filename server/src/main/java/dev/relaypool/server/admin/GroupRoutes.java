package dev.relaypool.server.admin;

import static dev.relaypool.server.storage.schema.Tables.API_KEYS;
import static dev.relaypool.server.storage.schema.Tables.GROUPS;

import dev.relaypool.model.admin.GroupAccount;
import dev.relaypool.model.admin.GroupMembership;
import dev.relaypool.model.admin.GroupRequest;
import dev.relaypool.model.admin.GroupView;
import dev.relaypool.server.api.Access;
import dev.relaypool.server.api.ApiRequest;
import dev.relaypool.server.api.ApiResponse;
import dev.relaypool.server.api.ApiTypes;
import dev.relaypool.server.api.Route;
import dev.relaypool.server.audit.Audit;
import dev.relaypool.server.members.PageQuery;
import dev.relaypool.server.members.Problems;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/admin/groups}: CRUD, and the accounts in a group with their priority there. */
final class GroupRoutes {
    private static final String BASE = "/api/v1/admin/groups";
    private final AdminContext ctx;

    GroupRoutes(AdminContext ctx) {
        this.ctx = ctx;
    }

    List<Route<?>> routes() {
        return List.of(
                Route.of("GET", BASE, Access.ADMIN, "Groups (?q=&platform=&billingType=&status=, paginated)",
                        ApiTypes.pageOf(GroupView.class), Problems.guarded(r -> ApiResponse.ok(new GroupStore(
                                ctx.database().dsl()).list(PageQuery.parse(r.query(), GroupStore.SORTABLE, "id,asc"))))),
                Route.of("POST", BASE, Access.ADMIN, "Create a group", GroupRequest.class, GroupView.class,
                        Problems.guarded(this::create)),
                Route.of("GET", BASE + "/{id}", Access.ADMIN, "One group", GroupView.class,
                        Problems.guarded(r -> ApiResponse.ok(find(Problems.id(r, "id"))))),
                Route.of("PUT", BASE + "/{id}", Access.ADMIN, "Replace a group", GroupRequest.class, GroupView.class,
                        Problems.guarded(this::replace)),
                Route.of("DELETE", BASE + "/{id}", Access.ADMIN, "Delete a group (refused while keys use it)",
                        Void.class, Problems.guarded(this::delete)),
                Route.of("GET", BASE + "/{id}/accounts", Access.ADMIN, "Accounts in the group, by priority",
                        ApiTypes.listOf(GroupAccount.class), Problems.guarded(r -> {
                            long id = Problems.id(r, "id");
                            find(id);
                            return ApiResponse.ok(new GroupStore(ctx.database().dsl()).accounts(id));
                        })),
                Route.of("PUT", BASE + "/{id}/accounts/{accountId}", Access.ADMIN,
                        "Put an account in the group at a priority", GroupMembership.class,
                        ApiTypes.listOf(GroupAccount.class), Problems.guarded(this::link)),
                Route.of("DELETE", BASE + "/{id}/accounts/{accountId}", Access.ADMIN, "Take an account out of the group",
                        Void.class, Problems.guarded(this::unlink)));
    }

    private GroupView find(long id) {
        return new GroupStore(ctx.database().dsl()).find(id).orElseThrow(() -> Problems.notFound("group"));
    }

    private ApiResponse create(ApiRequest<GroupRequest> request) {
        long id = ctx.database().transactionResult(tx -> {
            long created = new GroupStore(tx).insert(request.body());
            Audit.record(tx, request, "group.created", "group", created, Audit.change(request.body()));
            return created;
        });
        return ApiResponse.created(find(id));
    }

    private ApiResponse replace(ApiRequest<GroupRequest> request) {
        long id = Problems.id(request, "id");
        ctx.database().transaction(tx -> {
            if (!new GroupStore(tx).replace(id, request.body(), ctx.clock().instant().atOffset(ZoneOffset.UTC))) {
                throw Problems.notFound("group");
            }
            Audit.record(tx, request, "group.updated", "group", id, Audit.change(request.body()));
        });
        changed();
        return ApiResponse.ok(find(id));
    }

    private ApiResponse delete(ApiRequest<Void> request) {
        long id = Problems.id(request, "id");
        ctx.database().transaction(tx -> {
            if (tx.fetchExists(API_KEYS, API_KEYS.GROUP_ID.eq(id))) {
                throw Problems.conflict("keys belong to this group; move or delete them first, or disable the group");
            }
            if (tx.deleteFrom(GROUPS).where(GROUPS.ID.eq(id)).execute() == 0) {
                throw Problems.notFound("group");
            }
            Audit.record(tx, request, "group.deleted", "group", id, Map.of());
        });
        changed();
        return ApiResponse.noContent();
    }

    private ApiResponse link(ApiRequest<GroupMembership> request) {
        long id = Problems.id(request, "id");
        long accountId = Problems.id(request, "accountId");
        ctx.database().transaction(tx -> {
            new GroupStore(tx).link(id, accountId, request.body().priority());
            Audit.record(tx, request, "group.account_linked", "group", id,
                    Map.of("accountId", accountId, "priority", request.body().priority()));
        });
        changed();
        return ApiResponse.ok(new GroupStore(ctx.database().dsl()).accounts(id));
    }

    private ApiResponse unlink(ApiRequest<Void> request) {
        long id = Problems.id(request, "id");
        long accountId = Problems.id(request, "accountId");
        ctx.database().transaction(tx -> {
            if (!new GroupStore(tx).unlink(id, accountId)) {
                throw Problems.notFound("account in group");
            }
            Audit.record(tx, request, "group.account_unlinked", "group", id, Map.of("accountId", accountId));
        });
        changed();
        return ApiResponse.noContent();
    }

    private void changed() {
        ctx.accounts().reload();
        ctx.keys().invalidateAll();
    }
}
