package dev.relaypool.desktop.dashboard;

import dev.relaypool.desktop.api.AdminResources;
import dev.relaypool.desktop.api.ApiResult;
import dev.relaypool.desktop.api.ListQuery;
import dev.relaypool.desktop.session.Session;
import dev.relaypool.model.admin.AdminUser;
import dev.relaypool.model.api.Page;
import dev.relaypool.model.member.KeyView;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Member emails and key names for the live feed (events carry only ids). Loaded with the dashboard and again when a
 * request names a user or key created since, once per unknown id, so a brand-new key shows its name, not "key 7".
 */
final class FeedNames {
    private static final ListQuery LOOKUP = new ListQuery("", Map.of(), "", false, 0, 500);
    private final Session session;
    private final AdminResources api;
    private final Map<Long, String> users = new HashMap<>();
    private final Map<Long, String> keys = new HashMap<>();
    private final Set<Long> askedUsers = new HashSet<>();
    private final Set<Long> askedKeys = new HashSet<>();

    FeedNames(Session session, AdminResources api) {
        this.session = session;
        this.api = api;
    }

    String user(long id) {
        return users.getOrDefault(id, "user " + id);
    }

    String key(long id) {
        return keys.getOrDefault(id, "key " + id);
    }

    /** Loads the names again when {@code userId} or {@code keyId} is new to us; {@code then} runs after each answer. */
    void learn(long userId, long keyId, Runnable then) {
        if (!users.containsKey(userId) && askedUsers.add(userId)) {
            loadUsers(then);
        }
        if (!keys.containsKey(keyId) && askedKeys.add(keyId)) {
            loadKeys(then);
        }
    }

    void load() {
        loadUsers(() -> {});
        loadKeys(() -> {});
    }

    private void loadUsers(Runnable then) {
        session.callServer((at, token) -> api.users().list(at, token, LOOKUP), result -> {
            if (result instanceof ApiResult.Ok<Page<AdminUser>>(var page)) {
                page.items().forEach(u -> users.put(u.id(), u.email()));
                then.run();
            }
        });
    }

    private void loadKeys(Runnable then) {
        session.callServer((at, token) -> api.keys().list(at, token, LOOKUP), result -> {
            if (result instanceof ApiResult.Ok<Page<KeyView>>(var page)) {
                page.items().forEach(k -> keys.put(k.id(), k.name()));
                then.run();
            }
        });
    }
}
