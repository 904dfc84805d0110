package dev.relaypool.server.members;

import static dev.relaypool.server.storage.schema.Tables.API_KEYS;
import static dev.relaypool.server.storage.schema.Tables.GROUPS;
import static dev.relaypool.server.storage.schema.Tables.USERS;
import static dev.relaypool.server.storage.schema.Tables.USER_ALLOWED_GROUPS;

import dev.relaypool.model.member.KeyCreateRequest;
import dev.relaypool.model.member.KeyCreated;
import dev.relaypool.model.member.KeyIpRules;
import dev.relaypool.model.member.KeyView;
import dev.relaypool.server.keys.ApiKeys;
import dev.relaypool.server.keys.CreatedKey;
import dev.relaypool.server.keys.IpRules;
import dev.relaypool.server.keys.NewKey;
import dev.relaypool.server.storage.Database;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Relay keys of one user, for the member's own routes and the admin's per-user routes alike: every operation is
 * scoped by {@code (userId, keyId)}, so a key of another user is "not found", never touched. Deleting a key
 * revokes it for good (the row stays: usage history refers to it); lists leave revoked keys out unless asked.
 */
public final class KeyBook {
    private final Database database;
    private final ApiKeys keys;
    private final Clock clock;

    public KeyBook(Database database, ApiKeys keys, Clock clock) {
        this.database = database;
        this.keys = keys;
        this.clock = clock;
    }

    public List<KeyView> list(long userId, boolean includeRevoked) {
        Condition where = API_KEYS.USER_ID.eq(userId);
        if (!includeRevoked) {
            where = where.and(API_KEYS.STATUS.ne("revoked"));
        }
        return database.dsl().select(API_KEYS.asterisk(), GROUPS.NAME).from(API_KEYS)
                .join(GROUPS).on(GROUPS.ID.eq(API_KEYS.GROUP_ID)).where(where).orderBy(API_KEYS.ID)
                .fetch(KeyBook::view);
    }

    public Optional<KeyView> find(long userId, long keyId) {
        return database.dsl().select(API_KEYS.asterisk(), GROUPS.NAME).from(API_KEYS)
                .join(GROUPS).on(GROUPS.ID.eq(API_KEYS.GROUP_ID))
                .where(API_KEYS.ID.eq(keyId)).and(API_KEYS.USER_ID.eq(userId)).fetchOptional(KeyBook::view);
    }

    /**
     * A new key in a group the user may use (an active group; an exclusive one only when allowed). The full key
     * is in the answer this once.
     */
    public KeyCreated create(long userId, KeyCreateRequest request) {
        if (!database.dsl().fetchExists(USERS, USERS.ID.eq(userId))) {
            throw Problems.notFound("user");
        }
        if (!mayUse(userId, request.groupId())) {
            throw Problems.badRequest("groupId names no active group this user may use");
        }
        checkIpRules(request.ipAllow(), request.ipDeny());
        CreatedKey created = keys.create(new NewKey(userId, request.groupId(), request.name(),
                Optional.ofNullable(request.expiresAt()), Optional.ofNullable(request.quotaUsd()),
                request.ipAllow(), request.ipDeny()));
        return new KeyCreated(find(userId, created.id()).orElseThrow(), created.key());
    }

    private boolean mayUse(long userId, long groupId) {
        return database.dsl().fetchExists(GROUPS, GROUPS.ID.eq(groupId).and(usableBy(userId)));
    }

    /** The groups the user may put keys in, by name; account counts are the admin's business (always 0 here). */
    public java.util.List<dev.relaypool.model.admin.GroupView> usableGroups(long userId) {
        return database.dsl().selectFrom(GROUPS).where(usableBy(userId)).orderBy(GROUPS.NAME)
                .fetch(g -> new dev.relaypool.model.admin.GroupView(g.getId(), g.getName(), g.getDescription(),
                        dev.relaypool.model.Platform.fromWire(g.getPlatform()), g.getBillingType(),
                        g.getRateMultiplier(), g.getExclusive(), g.getDailyLimitUsd(), g.getWeeklyLimitUsd(),
                        g.getMonthlyLimitUsd(), g.getRpmLimit(), g.getTpmLimit(), g.getStatus(), 0,
                        g.getCreatedAt().toInstant()));
    }

    /** An active group, and an exclusive one only when the user is allowed in it. */
    private static org.jooq.Condition usableBy(long userId) {
        return GROUPS.STATUS.eq("active").and(GROUPS.EXCLUSIVE.isFalse().or(DSL.exists(DSL.selectOne()
                .from(USER_ALLOWED_GROUPS)
                .where(USER_ALLOWED_GROUPS.USER_ID.eq(userId)).and(USER_ALLOWED_GROUPS.GROUP_ID.eq(GROUPS.ID)))));
    }

    /** Replaces a key's client address lists (a revoked key's too: harmless); 400 naming any unreadable entry. */
    public Optional<KeyView> setIpRules(long userId, long keyId, KeyIpRules rules) {
        checkIpRules(rules.ipAllow(), rules.ipDeny());
        int changed = database.dsl().update(API_KEYS)
                .set(API_KEYS.IP_ALLOW, rules.ipAllow().toArray(String[]::new))
                .set(API_KEYS.IP_DENY, rules.ipDeny().toArray(String[]::new))
                .set(API_KEYS.UPDATED_AT, clock.instant().atOffset(ZoneOffset.UTC))
                .where(API_KEYS.ID.eq(keyId)).and(API_KEYS.USER_ID.eq(userId)).execute();
        keys.invalidateAll();
        return changed == 0 ? Optional.empty() : find(userId, keyId);
    }

    private static void checkIpRules(List<String> allow, List<String> deny) {
        List<String> problems = new java.util.ArrayList<>(IpRules.problems("ipAllow", allow));
        problems.addAll(IpRules.problems("ipDeny", deny));
        if (!problems.isEmpty()) {
            throw Problems.badRequest(String.join("; ", problems));
        }
    }

    public Optional<KeyView> rename(long userId, long keyId, String name) {
        return change(userId, keyId, DSL.trueCondition(), name, null);
    }

    /** Status {@code active} or {@code disabled}; a revoked key stays revoked. */
    public Optional<KeyView> setStatus(long userId, long keyId, String status) {
        return change(userId, keyId, API_KEYS.STATUS.ne("revoked"), null, status);
    }

    public boolean revoke(long userId, long keyId) {
        return change(userId, keyId, DSL.trueCondition(), null, "revoked").isPresent();
    }

    private Optional<KeyView> change(long userId, long keyId, Condition guard, String name, String status) {
        Optional<KeyView> before = find(userId, keyId);
        if (before.isEmpty()) {
            return before;
        }
        var update = database.dsl().update(API_KEYS).set(API_KEYS.UPDATED_AT, clock.instant().atOffset(ZoneOffset.UTC));
        if (name != null) {
            update = update.set(API_KEYS.NAME, name);
        }
        if (status != null) {
            update = update.set(API_KEYS.STATUS, status);
        }
        int changed = update.where(API_KEYS.ID.eq(keyId)).and(API_KEYS.USER_ID.eq(userId)).and(guard).execute();
        if (changed == 0 && status != null) {
            throw Problems.conflict("the key is revoked");
        }
        keys.invalidateAll();
        return find(userId, keyId);
    }

    static KeyView view(Record row) {
        return new KeyView(row.get(API_KEYS.ID), row.get(API_KEYS.USER_ID), row.get(API_KEYS.GROUP_ID),
                row.get(GROUPS.NAME), row.get(API_KEYS.NAME), row.get(API_KEYS.KEY_PREFIX), row.get(API_KEYS.STATUS),
                instant(row.get(API_KEYS.EXPIRES_AT)), row.get(API_KEYS.QUOTA_USD), row.get(API_KEYS.USED_USD),
                instant(row.get(API_KEYS.LAST_USED_AT)), instant(row.get(API_KEYS.CREATED_AT)),
                List.of(row.get(API_KEYS.IP_ALLOW)), List.of(row.get(API_KEYS.IP_DENY)));
    }

    static java.time.Instant instant(java.time.OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
