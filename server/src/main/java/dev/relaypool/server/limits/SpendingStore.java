package dev.relaypool.server.limits;

import static dev.relaypool.server.storage.schema.Tables.API_KEYS;
import static dev.relaypool.server.storage.schema.Tables.GROUPS;
import static dev.relaypool.server.storage.schema.Tables.USAGE_LOG;
import static dev.relaypool.server.storage.schema.Tables.USERS;
import static dev.relaypool.server.storage.schema.Tables.USER_SUBSCRIPTIONS;

import dev.relaypool.server.billing.SubscriptionWindow;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.storage.SingleFlight;
import dev.relaypool.server.storage.schema.tables.records.UserSubscriptionsRecord;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Reads a key's {@link SpendingState} from PostgreSQL and keeps it for {@code ttl}, so that a busy key costs one
 * read every few seconds rather than one per request. Usage reaches the database in batches anyway, so limits lag by
 * a few seconds whatever the cache does. One read per key at a time, so a busy key never drains the connection pool.
 * A state just past its TTL is still used while a background read refreshes it, so no request waits for the read
 * of a busy key; an older one (the database is slow or down) is waited for, and the request fails with it.
 */
final class SpendingStore {
    private static final int MAX_CACHED = 100_000;
    /** How long past its TTL a state is still used while it is being refreshed. */
    private static final long STALE_GRACE_MILLIS = 1_000;

    private record Cached(SpendingState state, long loadedAtMillis) {}

    private final Database database;
    private final Duration ttl;
    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();
    private final SingleFlight<Long, SpendingState> loads = new SingleFlight<>();

    SpendingStore(Database database, Duration ttl) {
        this.database = database;
        this.ttl = ttl;
    }

    SpendingState state(long keyId, boolean subscription, Instant now) {
        Cached cached = cache.get(keyId);
        long age = cached == null ? Long.MAX_VALUE : now.toEpochMilli() - cached.loadedAtMillis;
        if (age < ttl.toMillis()) {
            return cached.state;
        }
        Supplier<SpendingState> read = () -> {
            SpendingState fresh = load(database.dsl(), keyId, subscription, now);
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(keyId, new Cached(fresh, now.toEpochMilli()));
            return fresh;
        };
        if (age < ttl.toMillis() + STALE_GRACE_MILLIS) {
            // just expired: this request goes on with it while a background read refreshes it (the window sums
            // scan the key's usage rows; a request that waited for them lost up to 150 ms on a busy key)
            loads.refresh(keyId, read);
            return cached.state;
        }
        // older (the database is slow or down): wait for a read, and fail with it (billing fails closed)
        return loads.load(keyId, null, read);
    }

    /** After a payment, a redemption or an admin change: the next request reads fresh numbers. */
    void invalidate() {
        cache.clear();
    }

    private static SpendingState load(DSLContext db, long keyId, boolean subscription, Instant now) {
        Record row = db.select(USERS.ID, USERS.BALANCE, API_KEYS.USED_USD, API_KEYS.LIMIT_5H_USD, API_KEYS.LIMIT_1D_USD,
                        API_KEYS.LIMIT_7D_USD, GROUPS.ID, GROUPS.DAILY_LIMIT_USD, GROUPS.WEEKLY_LIMIT_USD,
                        GROUPS.MONTHLY_LIMIT_USD)
                .from(API_KEYS).join(USERS).on(USERS.ID.eq(API_KEYS.USER_ID)).join(GROUPS).on(GROUPS.ID.eq(API_KEYS.GROUP_ID))
                .where(API_KEYS.ID.eq(keyId)).fetchSingle();
        List<SpendingState.Rolling> windows = new ArrayList<>();
        rolling(db, keyId, now, "5-hour", Duration.ofHours(5), row.get(API_KEYS.LIMIT_5H_USD), windows);
        rolling(db, keyId, now, "1-day", Duration.ofDays(1), row.get(API_KEYS.LIMIT_1D_USD), windows);
        rolling(db, keyId, now, "7-day", Duration.ofDays(7), row.get(API_KEYS.LIMIT_7D_USD), windows);
        SpendingState.Subscription sub = subscription
                ? subscription(db, row.get(USERS.ID), row.get(GROUPS.ID), now) : null;
        return new SpendingState(row.get(USERS.BALANCE), row.get(API_KEYS.USED_USD), windows,
                row.get(GROUPS.DAILY_LIMIT_USD), row.get(GROUPS.WEEKLY_LIMIT_USD), row.get(GROUPS.MONTHLY_LIMIT_USD), sub);
    }

    private static void rolling(DSLContext db, long keyId, Instant now, String label, Duration length,
                                BigDecimal limit, List<SpendingState.Rolling> windows) {
        if (limit == null) {
            return;
        }
        OffsetDateTime since = now.minus(length).atOffset(ZoneOffset.UTC);
        BigDecimal spent = db.select(DSL.coalesce(DSL.sum(USAGE_LOG.ACTUAL_COST), BigDecimal.ZERO)).from(USAGE_LOG)
                .where(USAGE_LOG.API_KEY_ID.eq(keyId).and(USAGE_LOG.CREATED_AT.gt(since)))
                .fetchSingle().value1();
        Instant freesAt = spent.compareTo(limit) >= 0 ? freesAt(db, keyId, since, spent, limit, length) : null;
        windows.add(new SpendingState.Rolling(label, length, limit, spent, freesAt));
    }

    /**
     * The first row (oldest first) after whose departure the remaining sum is below the limit; the window frees up
     * when that row is {@code length} old. Only run when the limit is reached, and then cached with the state.
     */
    private static Instant freesAt(DSLContext db, long keyId, OffsetDateTime since, BigDecimal spent,
                                   BigDecimal limit, Duration length) {
        Field<BigDecimal> running = DSL.sum(USAGE_LOG.ACTUAL_COST)
                .over(DSL.orderBy(USAGE_LOG.CREATED_AT, USAGE_LOG.ID)).as("running");
        Table<?> rows = db.select(USAGE_LOG.CREATED_AT, running).from(USAGE_LOG)
                .where(USAGE_LOG.API_KEY_ID.eq(keyId).and(USAGE_LOG.CREATED_AT.gt(since))).asTable("rows");
        Field<OffsetDateTime> createdAt = rows.field(USAGE_LOG.CREATED_AT);
        Field<BigDecimal> runningSum = rows.field(running);
        OffsetDateTime oldest = db.select(DSL.min(createdAt)).from(rows)
                .where(DSL.val(spent).minus(runningSum).lt(limit)).fetchSingle().value1();
        return oldest == null ? since.toInstant().plus(length) : oldest.toInstant().plus(length);
    }

    private static SpendingState.Subscription subscription(DSLContext db, long userId, long groupId, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        UserSubscriptionsRecord sub = db.selectFrom(USER_SUBSCRIPTIONS)
                .where(USER_SUBSCRIPTIONS.USER_ID.eq(userId).and(USER_SUBSCRIPTIONS.GROUP_ID.eq(groupId))
                        .and(USER_SUBSCRIPTIONS.STATUS.eq("active"))
                        .and(USER_SUBSCRIPTIONS.STARTS_AT.le(at)).and(USER_SUBSCRIPTIONS.EXPIRES_AT.gt(at)))
                .fetchOne();
        if (sub == null) {
            return null;
        }
        return new SpendingState.Subscription(sub.getExpiresAt().toInstant(),
                window(sub.getDailyWindowStart(), sub.getDailyUsageUsd()),
                window(sub.getWeeklyWindowStart(), sub.getWeeklyUsageUsd()),
                window(sub.getMonthlyWindowStart(), sub.getMonthlyUsageUsd()));
    }

    private static SubscriptionWindow window(OffsetDateTime start, BigDecimal usage) {
        return SubscriptionWindow.of(start == null ? null : start.toInstant(), usage);
    }
}
