package dev.relaypool.server.billing;

import static dev.relaypool.server.storage.schema.Tables.API_KEYS;
import static dev.relaypool.server.storage.schema.Tables.USERS;
import static dev.relaypool.server.storage.schema.Tables.USER_SUBSCRIPTIONS;

import dev.relaypool.server.billing.SubscriptionWindow.Period;
import dev.relaypool.server.storage.UnnestInsert;
import dev.relaypool.server.storage.schema.tables.records.UserSubscriptionsRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the money of freshly inserted usage rows, inside the batch's transaction: balances down (with one ledger
 * row per request), keys' used_usd up, subscription windows up. Rows are locked in ascending id order (users, then
 * keys, then subscriptions) so that concurrent writers, such as a redemption, cannot deadlock with a batch.
 */
final class MoneyMoves {
    private static final Logger log = LoggerFactory.getLogger(MoneyMoves.class);

    private record UserGroup(long userId, long groupId) {}

    /** One ledger row per request, all of a batch's in one statement. */
    private static final UnnestInsert LEDGER = new UnnestInsert("balance_ledger", List.of(
            Map.entry("user_id", "bigint"), Map.entry("amount", "numeric"), Map.entry("balance_after", "numeric"),
            Map.entry("reason", "text"), Map.entry("ref", "text"), Map.entry("created_at", "timestamptz")), "");

    private final DSLContext db;
    private final OffsetDateTime now;
    /** {@link #now} as a ledger row's created_at. */
    private final String nowText;

    MoneyMoves(DSLContext db, Instant now) {
        this.db = db;
        this.now = now.atOffset(ZoneOffset.UTC);
        this.nowText = UnnestInsert.timestamptz(now);
    }

    void apply(List<Charge> fresh) {
        Map<Long, List<Charge>> byUser = new TreeMap<>();
        Map<Long, BigDecimal> byKey = new TreeMap<>();
        Map<UserGroup, List<Charge>> bySubscription = new TreeMap<>(
                Comparator.comparingLong(UserGroup::userId).thenComparingLong(UserGroup::groupId));
        for (Charge charge : fresh) {
            if (!charge.movesMoney()) {
                continue;
            }
            byKey.merge(charge.record().apiKeyId(), charge.actual(), BigDecimal::add);
            if (charge.subscription()) {
                bySubscription.computeIfAbsent(new UserGroup(charge.record().userId(), charge.record().groupId()),
                        k -> new ArrayList<>()).add(charge);
            } else {
                byUser.computeIfAbsent(charge.record().userId(), k -> new ArrayList<>()).add(charge);
            }
        }
        List<String[]> ledger = new ArrayList<>();
        byUser.forEach((userId, charges) -> debit(userId, charges, ledger));
        if (!ledger.isEmpty()) {
            LEDGER.execute(db, ledger);
        }
        byKey.forEach((keyId, amount) -> db.update(API_KEYS).set(API_KEYS.USED_USD, API_KEYS.USED_USD.plus(amount))
                .where(API_KEYS.ID.eq(keyId)).execute());
        bySubscription.forEach(this::addToWindows);
    }

    /** One UPDATE per user; the ledger's balance_after values are reconstructed backwards from the new balance. */
    private void debit(long userId, List<Charge> charges, List<String[]> ledger) {
        BigDecimal total = charges.stream().map(Charge::actual).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal after = db.update(USERS).set(USERS.BALANCE, USERS.BALANCE.minus(total)).where(USERS.ID.eq(userId))
                .returning(USERS.BALANCE).fetchOne(USERS.BALANCE);
        BigDecimal running = after.add(total);
        for (Charge charge : charges) {
            running = running.subtract(charge.actual());
            ledger.add(new String[] {Long.toString(userId), charge.actual().negate().toPlainString(),
                    running.toPlainString(), "usage", charge.record().requestId(), nowText});
        }
    }

    private void addToWindows(UserGroup owner, List<Charge> charges) {
        UserSubscriptionsRecord sub = db.selectFrom(USER_SUBSCRIPTIONS)
                .where(USER_SUBSCRIPTIONS.USER_ID.eq(owner.userId()).and(USER_SUBSCRIPTIONS.GROUP_ID.eq(owner.groupId()))
                        .and(USER_SUBSCRIPTIONS.STATUS.eq("active")))
                .forUpdate().fetchOne();
        if (sub == null) {
            // admission let it through while the subscription was active; the usage row still records the cost
            log.warn("user {} has no active subscription in group {}; {} request(s) not counted in its windows",
                    owner.userId(), owner.groupId(), charges.size());
            return;
        }
        SubscriptionWindow daily = SubscriptionWindow.of(instant(sub.getDailyWindowStart()), sub.getDailyUsageUsd());
        SubscriptionWindow weekly = SubscriptionWindow.of(instant(sub.getWeeklyWindowStart()), sub.getWeeklyUsageUsd());
        SubscriptionWindow monthly = SubscriptionWindow.of(instant(sub.getMonthlyWindowStart()), sub.getMonthlyUsageUsd());
        List<Charge> inTimeOrder = charges.stream()
                .sorted(Comparator.comparing(c -> c.record().createdAt())).toList();
        for (Charge charge : inTimeOrder) {
            Instant at = charge.record().createdAt();
            daily = daily.charge(at, charge.actual(), Period.DAILY);
            weekly = weekly.charge(at, charge.actual(), Period.WEEKLY);
            monthly = monthly.charge(at, charge.actual(), Period.MONTHLY);
        }
        db.update(USER_SUBSCRIPTIONS)
                .set(USER_SUBSCRIPTIONS.DAILY_WINDOW_START, offset(daily.start()))
                .set(USER_SUBSCRIPTIONS.DAILY_USAGE_USD, daily.usage())
                .set(USER_SUBSCRIPTIONS.WEEKLY_WINDOW_START, offset(weekly.start()))
                .set(USER_SUBSCRIPTIONS.WEEKLY_USAGE_USD, weekly.usage())
                .set(USER_SUBSCRIPTIONS.MONTHLY_WINDOW_START, offset(monthly.start()))
                .set(USER_SUBSCRIPTIONS.MONTHLY_USAGE_USD, monthly.usage())
                .set(USER_SUBSCRIPTIONS.UPDATED_AT, now)
                .where(USER_SUBSCRIPTIONS.ID.eq(sub.getId()))
                .execute();
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime offset(Instant time) {
        return time == null ? null : time.atOffset(ZoneOffset.UTC);
    }
}
