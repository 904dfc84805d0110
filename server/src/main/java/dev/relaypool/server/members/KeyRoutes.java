package dev.relaypool.server.members;

import dev.relaypool.model.member.KeyCreateRequest;
import dev.relaypool.model.member.KeyIpRules;
import dev.relaypool.model.member.KeyRenameRequest;
import dev.relaypool.model.member.KeyCreated;
import dev.relaypool.model.member.KeyView;
import dev.relaypool.server.api.Access;
import dev.relaypool.server.api.ApiRequest;
import dev.relaypool.server.api.ApiResponse;
import dev.relaypool.server.api.ApiTypes;
import dev.relaypool.server.api.Route;
import java.util.List;

/** {@code /api/v1/keys}: the signed-in member's own relay keys; another user's key id is answered 404. */
final class KeyRoutes {
    private static final String BASE = "/api/v1/keys";
    private final KeyBook book;

    KeyRoutes(KeyBook book) {
        this.book = book;
    }

    List<Route<?>> routes() {
        return List.of(
                Route.of("GET", "/api/v1/groups", Access.MEMBER, "The groups I may create keys in",
                        ApiTypes.listOf(dev.relaypool.model.admin.GroupView.class),
                        Problems.guarded(r -> ApiResponse.ok(book.usableGroups(r.user().userId())))),
                Route.of("GET", BASE, Access.MEMBER, "My keys (?includeRevoked=true for deleted ones)",
                        ApiTypes.listOf(KeyView.class), Problems.guarded(r -> ApiResponse.ok(
                                book.list(r.user().userId(), "true".equals(r.query().get("includeRevoked")))))),
                Route.of("POST", BASE, Access.MEMBER, "Create a key; the full key is answered this once",
                        KeyCreateRequest.class, KeyCreated.class,
                        Problems.guarded(r -> ApiResponse.created(book.create(r.user().userId(), r.body())))),
                Route.of("PATCH", BASE + "/{id}", Access.MEMBER, "Rename one of my keys", KeyRenameRequest.class,
                        KeyView.class, Problems.guarded(r -> found(book.rename(r.user().userId(), id(r), r.body().name())))),
                Route.of("PUT", BASE + "/{id}/ip-rules", Access.MEMBER,
                        "Replace the client address allow/deny lists of one of my keys", KeyIpRules.class, KeyView.class,
                        Problems.guarded(r -> found(book.setIpRules(r.user().userId(), id(r), r.body())))),
                Route.of("POST", BASE + "/{id}/disable", Access.MEMBER, "Disable one of my keys", KeyView.class,
                        Problems.guarded(r -> found(book.setStatus(r.user().userId(), id(r), "disabled")))),
                Route.of("POST", BASE + "/{id}/enable", Access.MEMBER, "Enable one of my keys", KeyView.class,
                        Problems.guarded(r -> found(book.setStatus(r.user().userId(), id(r), "active")))),
                Route.of("DELETE", BASE + "/{id}", Access.MEMBER, "Delete (revoke) one of my keys", Void.class,
                        Problems.guarded(r -> {
                            if (!book.revoke(r.user().userId(), id(r))) {
                                throw Problems.notFound("key");
                            }
                            return ApiResponse.noContent();
                        })));
    }

    private static long id(ApiRequest<?> request) {
        return Problems.id(request, "id");
    }

    private static ApiResponse found(java.util.Optional<KeyView> key) {
        return ApiResponse.ok(key.orElseThrow(() -> Problems.notFound("key")));
    }
}
