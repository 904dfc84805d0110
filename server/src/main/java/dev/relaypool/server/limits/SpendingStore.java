package dev.relaypool.server.limits;

import static dev.relaypool.server.storage.schema.Tables.API_KEYS;
import static dev.relaypool.server.storage.schema.Tables.GROUPS;
import static dev.relaypool.server.storage.schema.Tables.USAGE_LOG;
import static dev.relaypool.server.storage.schema.Tables.USAGE_ROLLUPS;
import static dev.relaypool.server.storage.schema.Tables.USERS;
import static dev.relaypool.server.storage.schema.Tables.USER_SUBSCRIPTIONS;

import dev.relaypool.server.billing.SubscriptionWindow;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.storage.SingleFlight;
import dev.relaypool.server.storage.schema.tables.records.UserSubscriptionsRecord;
import dev.relaypool.server.usage.rollup.Granularity;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Reads a key's {@link SpendingState} from PostgreSQL and keeps it for {@code ttl}, so that a busy key costs one
 * read every few seconds rather than one per request. Usage reaches the database in batches anyway, so limits lag by
 * a few seconds whatever the cache does. Rolling windows are summed from the key's usage rollups, so a read costs
 * the same on a key with a million usage rows as on a new one. One read per key at a time, so a busy key never drains the connection pool.
 * A state up to {@link #STALE_GRACE_MILLIS} past its TTL is still used while a background read refreshes it, so
 * neither a busy key nor one coming back after a pause waits for the read; such a state only lets a request in, a
 * refusal is decided on a fresh read ({@link Read#stale}). An older one (the database is slow or down) is waited
 * for, and the request fails with it.
 */
final class SpendingStore {
    private static final int MAX_CACHED = 100_000;
    /**
     * How long past its TTL a state is still used, to let requests in, while it is being refreshed. A key's own
     * spending cannot change while it makes no request, so what a pause leaves stale is its member's balance as
     * other keys spend it: the requests let in on it are those that arrive before the fresh read lands (one, for a
     * key back from a pause). A read that fails, or runs for over a second, ends that use, so an outage is met as
     * soon as without the grace.
     */
    private static final long STALE_GRACE_MILLIS = 30_000;
    /** A read running longer than this stops the stale state's use: callers wait for it instead. */
    private static final Duration SLOW_READ = Duration.ofSeconds(1);
    private static final Duration PRUNING_MARGIN = Duration.ofMinutes(15);

    private record Cached(SpendingState state, long loadedAtMillis) {}

    private final Database database;
    private final Duration ttl;
    private final Duration minuteRetention;
    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();
    private final SingleFlight<Long, SpendingState> loads = new SingleFlight<>();

    /**
     * {@code minuteRetention}: how long minute rollups are kept ({@code billing.minute-rollup-retention-hours}); a
     * window starting earlier than that (less a margin for the pruner's timing) is summed from hour rollups.
     */
    SpendingStore(Database database, Duration ttl, Duration minuteRetention) {
        this.database = database;
        this.ttl = ttl;
        this.minuteRetention = minuteRetention;
    }

    /** A key's state; {@code stale}: past its TTL (used while a background read refreshes it). */
    record Read(SpendingState state, boolean stale) {}

    Read state(long keyId, boolean subscription, Instant now) {
        Cached cached = cache.get(keyId);
        long age = cached == null ? Long.MAX_VALUE : now.toEpochMilli() - cached.loadedAtMillis;
        if (age < ttl.toMillis()) {
            return new Read(cached.state, false);
        }
        if (age < ttl.toMillis() + STALE_GRACE_MILLIS && !loads.runningLongerThan(keyId, SLOW_READ)) {
            // expired: this request goes on with it while a background read refreshes it
            refresh(keyId, subscription, now, cached);
            return new Read(cached.state, true);
        }
        // older, or its read is slow (the database is slow or down): wait for a read, and fail with it (billing
        // fails closed); a read already running is joined
        return new Read(fresh(keyId, subscription, now), false);
    }

    /**
     * Starts a background read unless one runs. A failed read drops the state, so the next request waits for a read
     * of its own (and fails with it).
     */
    private void refresh(long keyId, boolean subscription, Instant now, Cached stale) {
        loads.refresh(keyId, () -> {
            try {
                return read(keyId, subscription, now);
            } catch (RuntimeException e) {
                cache.remove(keyId, stale);
                throw e;
            }
        });
    }

    /** Reads the state now (or waits for the read already running), for a decision that must not rest on a stale one. */
    SpendingState fresh(long keyId, boolean subscription, Instant now) {
        return loads.load(keyId, null, () -> read(keyId, subscription, now));
    }

    private SpendingState read(long keyId, boolean subscription, Instant now) {
        SpendingState fresh = load(database.dsl(), keyId, subscription, now);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(keyId, new Cached(fresh, now.toEpochMilli()));
        return fresh;
    }

    /** After a payment, a redemption or an admin change: the next request reads fresh numbers. */
    void invalidate() {
        cache.clear();
    }

    private SpendingState load(DSLContext db, long keyId, boolean subscription, Instant now) {
        Record row = db.select(USERS.ID, USERS.BALANCE, API_KEYS.USED_USD, API_KEYS.LIMIT_5H_USD, API_KEYS.LIMIT_1D_USD,
                        API_KEYS.LIMIT_7D_USD, GROUPS.ID, GROUPS.DAILY_LIMIT_USD, GROUPS.WEEKLY_LIMIT_USD,
                        GROUPS.MONTHLY_LIMIT_USD)
                .from(API_KEYS).join(USERS).on(USERS.ID.eq(API_KEYS.USER_ID)).join(GROUPS).on(GROUPS.ID.eq(API_KEYS.GROUP_ID))
                .where(API_KEYS.ID.eq(keyId)).fetchSingle();
        List<Window> limited = new ArrayList<>();
        for (Window window : List.of(new Window("5-hour", Duration.ofHours(5), row.get(API_KEYS.LIMIT_5H_USD)),
                new Window("1-day", Duration.ofDays(1), row.get(API_KEYS.LIMIT_1D_USD)),
                new Window("7-day", Duration.ofDays(7), row.get(API_KEYS.LIMIT_7D_USD)))) {
            if (window.limit() != null) {
                limited.add(window);
            }
        }
        List<SpendingState.Rolling> windows = rolling(db, keyId, now, limited);
        SpendingState.Subscription sub = subscription
                ? subscription(db, row.get(USERS.ID), row.get(GROUPS.ID), now) : null;
        return new SpendingState(row.get(USERS.BALANCE), row.get(API_KEYS.USED_USD), windows,
                row.get(GROUPS.DAILY_LIMIT_USD), row.get(GROUPS.WEEKLY_LIMIT_USD), row.get(GROUPS.MONTHLY_LIMIT_USD), sub);
    }

    private record Window(String label, Duration length, BigDecimal limit) {}

    /** What the key spent in each limited window, all in one round trip; when it frees up, for a window at its limit. */
    private List<SpendingState.Rolling> rolling(DSLContext db, long keyId, Instant now, List<Window> limited) {
        if (limited.isEmpty()) {
            return List.of();
        }
        List<Field<BigDecimal>> sums = new ArrayList<>();
        for (Window window : limited) {
            sums.add(spentSince(keyId, now.minus(window.length()), now));
        }
        Record spent = db.select(sums).fetchSingle();
        List<SpendingState.Rolling> windows = new ArrayList<>();
        for (int i = 0; i < limited.size(); i++) {
            Window window = limited.get(i);
            BigDecimal sum = spent.get(i, BigDecimal.class);
            OffsetDateTime since = now.minus(window.length()).atOffset(ZoneOffset.UTC);
            Instant freesAt = sum.compareTo(window.limit()) >= 0
                    ? freesAt(db, keyId, since, sum, window.limit(), window.length()) : null;
            windows.add(new SpendingState.Rolling(window.label(), window.length(), window.limit(), sum, freesAt));
        }
        return windows;
    }

    /**
     * Σ actual_cost of the key's usage rows created after {@code since}, exactly, without reading every row: the
     * rows of the part-minute (or, where minute rollups are no longer kept, part-hour) just after {@code since},
     * then the key's minute rollups up to the next whole hour, then its hour rollups (the current hour's included).
     * Rollups are written in the settlement's transaction, so they hold exactly the rows usage_log holds. Before,
     * every refresh summed all the window's rows: on a key with 100,000 rows that was ~150 ms of database time.
     */
    private Field<BigDecimal> spentSince(long keyId, Instant since, Instant now) {
        Instant nextMinute = since.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Instant nextHour = since.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        boolean minutesKept = since.isAfter(now.minus(minuteRetention).plus(PRUNING_MARGIN));
        Instant rawUntil = minutesKept ? nextMinute : nextHour;
        Field<BigDecimal> raw = DSL.field(DSL.select(DSL.coalesce(DSL.sum(USAGE_LOG.ACTUAL_COST), BigDecimal.ZERO))
                .from(USAGE_LOG).where(USAGE_LOG.API_KEY_ID.eq(keyId)
                        .and(USAGE_LOG.CREATED_AT.gt(since.atOffset(ZoneOffset.UTC)))
                        .and(USAGE_LOG.CREATED_AT.lt(rawUntil.atOffset(ZoneOffset.UTC)))));
        Field<BigDecimal> hours = rollups(keyId, Granularity.HOUR, nextHour, null);
        Field<BigDecimal> total = raw.plus(hours);
        if (minutesKept && nextMinute.isBefore(nextHour)) {
            total = total.plus(rollups(keyId, Granularity.MINUTE, nextMinute, nextHour));
        }
        return total;
    }

    /** Σ cost of the key's rollups of {@code granularity} starting in [from, until); until null = open-ended. */
    private static Field<BigDecimal> rollups(long keyId, Granularity granularity, Instant from, Instant until) {
        var r = USAGE_ROLLUPS;
        var where = r.GRANULARITY.eq(granularity.column()).and(r.DIMENSION.eq("key"))
                .and(r.DIMENSION_ID.eq(Long.toString(keyId))).and(r.BUCKET_START.ge(from.atOffset(ZoneOffset.UTC)));
        if (until != null) {
            where = where.and(r.BUCKET_START.lt(until.atOffset(ZoneOffset.UTC)));
        }
        return DSL.field(DSL.select(DSL.coalesce(DSL.sum(r.COST), BigDecimal.ZERO)).from(r).where(where));
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
