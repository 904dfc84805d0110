package dev.relaypool.server.members;

import static dev.relaypool.server.storage.schema.Tables.GROUPS;
import static dev.relaypool.server.storage.schema.Tables.USER_SUBSCRIPTIONS;

import dev.relaypool.model.member.SubscriptionProgress;
import dev.relaypool.server.storage.schema.tables.records.UserSubscriptionsRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Subscriptions of users to subscription groups: granting days (a renewal extends the one active subscription of a
 * (user, group), from its end when still running) and the progress a member sees. Windows are rolling: a window
 * starts at the first use after the previous one ended and lasts a day, 7 days or a calendar month.
 */
public final class Subscriptions {
    private Subscriptions() {}

    /** Grants {@code days}; the group must exist and bill by subscription. Answers the subscription row. */
    public static UserSubscriptionsRecord grant(DSLContext tx, long userId, long groupId, int days, Instant now) {
        String billing = tx.select(GROUPS.BILLING_TYPE).from(GROUPS).where(GROUPS.ID.eq(groupId))
                .fetchOptional(GROUPS.BILLING_TYPE).orElseThrow(() -> Problems.badRequest("no such group"));
        if (!billing.equals("subscription")) {
            throw Problems.badRequest("the group does not bill by subscription");
        }
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        UserSubscriptionsRecord active = tx.selectFrom(USER_SUBSCRIPTIONS).where(USER_SUBSCRIPTIONS.USER_ID.eq(userId))
                .and(USER_SUBSCRIPTIONS.GROUP_ID.eq(groupId)).and(USER_SUBSCRIPTIONS.STATUS.eq("active"))
                .forUpdate().fetchOptional().orElse(null);
        if (active == null) {
            return tx.insertInto(USER_SUBSCRIPTIONS).set(USER_SUBSCRIPTIONS.USER_ID, userId)
                    .set(USER_SUBSCRIPTIONS.GROUP_ID, groupId).set(USER_SUBSCRIPTIONS.STARTS_AT, at)
                    .set(USER_SUBSCRIPTIONS.EXPIRES_AT, at.plusDays(days)).returning().fetchSingle();
        }
        OffsetDateTime from = active.getExpiresAt().isAfter(at) ? active.getExpiresAt() : at;
        active.setExpiresAt(from.plusDays(days));
        active.setUpdatedAt(at);
        active.store();
        return active;
    }

    /** Progress of the user's active, unexpired subscriptions. */
    public static List<SubscriptionProgress> progress(DSLContext db, long userId, Instant now) {
        return db.select(USER_SUBSCRIPTIONS.asterisk(), GROUPS.NAME, GROUPS.DAILY_LIMIT_USD, GROUPS.WEEKLY_LIMIT_USD,
                        GROUPS.MONTHLY_LIMIT_USD)
                .from(USER_SUBSCRIPTIONS).join(GROUPS).on(GROUPS.ID.eq(USER_SUBSCRIPTIONS.GROUP_ID))
                .where(USER_SUBSCRIPTIONS.USER_ID.eq(userId)).and(USER_SUBSCRIPTIONS.STATUS.eq("active"))
                .and(USER_SUBSCRIPTIONS.EXPIRES_AT.gt(now.atOffset(ZoneOffset.UTC)))
                .orderBy(USER_SUBSCRIPTIONS.EXPIRES_AT)
                .fetch(row -> progress(row, now));
    }

    /** Progress of one subscription (any status), for the admin screens. */
    public static java.util.Optional<SubscriptionProgress> progressOf(DSLContext db, long subscriptionId, Instant now) {
        return db.select(USER_SUBSCRIPTIONS.asterisk(), GROUPS.NAME, GROUPS.DAILY_LIMIT_USD, GROUPS.WEEKLY_LIMIT_USD,
                        GROUPS.MONTHLY_LIMIT_USD)
                .from(USER_SUBSCRIPTIONS).join(GROUPS).on(GROUPS.ID.eq(USER_SUBSCRIPTIONS.GROUP_ID))
                .where(USER_SUBSCRIPTIONS.ID.eq(subscriptionId))
                .fetchOptional(row -> progress(row, now));
    }

    private static SubscriptionProgress progress(Record row, Instant now) {
        Window daily = window(row.get(USER_SUBSCRIPTIONS.DAILY_WINDOW_START), Period.ofDays(1),
                row.get(USER_SUBSCRIPTIONS.DAILY_USAGE_USD), now);
        Window weekly = window(row.get(USER_SUBSCRIPTIONS.WEEKLY_WINDOW_START), Period.ofDays(7),
                row.get(USER_SUBSCRIPTIONS.WEEKLY_USAGE_USD), now);
        Window monthly = window(row.get(USER_SUBSCRIPTIONS.MONTHLY_WINDOW_START), Period.ofMonths(1),
                row.get(USER_SUBSCRIPTIONS.MONTHLY_USAGE_USD), now);
        return new SubscriptionProgress(row.get(USER_SUBSCRIPTIONS.ID), row.get(USER_SUBSCRIPTIONS.GROUP_ID),
                row.get(GROUPS.NAME), row.get(USER_SUBSCRIPTIONS.EXPIRES_AT).toInstant(),
                daily.used, row.get(GROUPS.DAILY_LIMIT_USD), daily.resetsAt,
                weekly.used, row.get(GROUPS.WEEKLY_LIMIT_USD), weekly.resetsAt,
                monthly.used, row.get(GROUPS.MONTHLY_LIMIT_USD), monthly.resetsAt);
    }

    private record Window(BigDecimal used, Instant resetsAt) {}

    /** A window that has ended counts as empty (its usage resets at the next request). */
    private static Window window(OffsetDateTime start, Period length, BigDecimal used, Instant now) {
        if (start == null) {
            return new Window(BigDecimal.ZERO, null);
        }
        Instant end = start.plus(length).toInstant();
        return end.isAfter(now) ? new Window(used, end) : new Window(BigDecimal.ZERO, null);
    }
}
