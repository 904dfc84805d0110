package dev.relaypool.server.admin;

import dev.relaypool.model.member.KeyCreateRequest;
import dev.relaypool.model.member.KeyCreated;
import dev.relaypool.model.member.KeyIpRules;
import dev.relaypool.model.member.KeyView;
import dev.relaypool.server.api.Access;
import dev.relaypool.server.api.ApiRequest;
import dev.relaypool.server.api.ApiResponse;
import dev.relaypool.server.api.ApiTypes;
import dev.relaypool.server.api.Route;
import dev.relaypool.server.audit.Audit;
import dev.relaypool.server.members.KeyBook;
import dev.relaypool.server.members.Problems;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/admin/users/{id}/keys}: the relay keys of any user; every write is audited. */
final class UserKeyRoutes {
    private static final String BASE = "/api/v1/admin/users/{id}/keys";
    private final AdminContext ctx;
    private final KeyBook book;

    UserKeyRoutes(AdminContext ctx) {
        this.ctx = ctx;
        this.book = new KeyBook(ctx.database(), ctx.keys(), ctx.clock());
    }

    List<Route<?>> routes() {
        return List.of(
                Route.of("GET", BASE, Access.ADMIN, "A user's keys (revoked included)", ApiTypes.listOf(KeyView.class),
                        Problems.guarded(r -> ApiResponse.ok(book.list(Problems.id(r, "id"), true)))),
                Route.of("POST", BASE, Access.ADMIN, "Create a key for a user; the full key is answered this once",
                        KeyCreateRequest.class, KeyCreated.class, Problems.guarded(this::create)),
                Route.of("PUT", BASE + "/{keyId}/ip-rules", Access.ADMIN,
                        "Replace the client address allow/deny lists of a user's key", KeyIpRules.class, KeyView.class,
                        Problems.guarded(this::ipRules)),
                Route.of("POST", BASE + "/{keyId}/disable", Access.ADMIN, "Disable a user's key", KeyView.class,
                        Problems.guarded(r -> status(r, "disabled"))),
                Route.of("POST", BASE + "/{keyId}/enable", Access.ADMIN, "Enable a user's key", KeyView.class,
                        Problems.guarded(r -> status(r, "active"))),
                Route.of("DELETE", BASE + "/{keyId}", Access.ADMIN, "Delete (revoke) a user's key", Void.class,
                        Problems.guarded(this::revoke)));
    }

    private ApiResponse create(ApiRequest<KeyCreateRequest> request) {
        long userId = Problems.id(request, "id");
        KeyCreated created = book.create(userId, request.body());
        audit(request, "key.created", created.view().id(), Audit.change(request.body()));
        return ApiResponse.created(created);
    }

    private ApiResponse ipRules(ApiRequest<KeyIpRules> request) {
        long userId = Problems.id(request, "id");
        long keyId = Problems.id(request, "keyId");
        KeyView key = book.setIpRules(userId, keyId, request.body()).orElseThrow(() -> Problems.notFound("key"));
        audit(request, "key.ip-rules", keyId, Audit.change(request.body()));
        return ApiResponse.ok(key);
    }

    private ApiResponse status(ApiRequest<Void> request, String status) {
        long userId = Problems.id(request, "id");
        long keyId = Problems.id(request, "keyId");
        KeyView key = book.setStatus(userId, keyId, status).orElseThrow(() -> Problems.notFound("key"));
        audit(request, "key." + (status.equals("active") ? "enabled" : "disabled"), keyId, Map.of("userId", userId));
        return ApiResponse.ok(key);
    }

    private ApiResponse revoke(ApiRequest<Void> request) {
        long userId = Problems.id(request, "id");
        long keyId = Problems.id(request, "keyId");
        if (!book.revoke(userId, keyId)) {
            throw Problems.notFound("key");
        }
        audit(request, "key.revoked", keyId, Map.of("userId", userId));
        return ApiResponse.noContent();
    }

    private void audit(ApiRequest<?> request, String action, long keyId, Map<String, ?> detail) {
        ctx.database().transaction(tx -> Audit.record(tx, request, action, "api_key", keyId, detail));
    }
}
