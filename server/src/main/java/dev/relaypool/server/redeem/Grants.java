package dev.relaypool.server.redeem;

import static dev.relaypool.server.storage.schema.Tables.BALANCE_LEDGER;
import static dev.relaypool.server.storage.schema.Tables.GROUPS;
import static dev.relaypool.server.storage.schema.Tables.USERS;
import static dev.relaypool.server.storage.schema.Tables.USER_SUBSCRIPTIONS;

import dev.relaypool.server.storage.schema.tables.records.RedeemCodesRecord;
import dev.relaypool.server.storage.schema.tables.records.UserSubscriptionsRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import org.jooq.DSLContext;

/** Applies a claimed code inside the claiming transaction. */
final class Grants {
    /** Thrown to roll the claim back when a code cannot be applied. */
    static final class Ungrantable extends RuntimeException {
        Ungrantable(String message) {
            super(message, null, false, false);
        }
    }

    private final DSLContext db;
    private final OffsetDateTime now;

    Grants(DSLContext db, OffsetDateTime now) {
        this.db = db;
        this.now = now;
    }

    RedeemResult grant(long userId, RedeemCodesRecord code) {
        CodeType type = CodeType.fromWire(code.getType());
        return new RedeemResult.Redeemed(type, switch (type) {
            case BALANCE -> balance(userId, code);
            case SUBSCRIPTION -> subscription(userId, code);
            case CONCURRENCY -> concurrency(userId, code);
        });
    }

    private String balance(long userId, RedeemCodesRecord code) {
        BigDecimal after = db.update(USERS).set(USERS.BALANCE, USERS.BALANCE.plus(code.getValue()))
                .where(USERS.ID.eq(userId)).returning(USERS.BALANCE).fetchSingle(USERS.BALANCE);
        db.insertInto(BALANCE_LEDGER)
                .set(BALANCE_LEDGER.USER_ID, userId).set(BALANCE_LEDGER.AMOUNT, code.getValue())
                .set(BALANCE_LEDGER.BALANCE_AFTER, after).set(BALANCE_LEDGER.REASON, "redeem")
                .set(BALANCE_LEDGER.REF, "code:" + code.getId()).set(BALANCE_LEDGER.CREATED_AT, now)
                .execute();
        return "Your balance is now $" + after.setScale(2, RoundingMode.HALF_UP).toPlainString() + ".";
    }

    /** Extends the active subscription in the group, or starts one now. */
    private String subscription(long userId, RedeemCodesRecord code) {
        if (code.getGroupId() == null) {
            throw new Ungrantable("The group of this subscription code no longer exists.");
        }
        String group = db.select(GROUPS.NAME).from(GROUPS).where(GROUPS.ID.eq(code.getGroupId())).fetchOne(GROUPS.NAME);
        UserSubscriptionsRecord active = db.selectFrom(USER_SUBSCRIPTIONS)
                .where(USER_SUBSCRIPTIONS.USER_ID.eq(userId).and(USER_SUBSCRIPTIONS.GROUP_ID.eq(code.getGroupId()))
                        .and(USER_SUBSCRIPTIONS.STATUS.eq("active")))
                .forUpdate().fetchOne();
        int days = code.getValidityDays();
        OffsetDateTime expires;
        if (active != null && active.getExpiresAt().isAfter(now)) {
            expires = active.getExpiresAt().plusDays(days);
            db.update(USER_SUBSCRIPTIONS).set(USER_SUBSCRIPTIONS.EXPIRES_AT, expires)
                    .set(USER_SUBSCRIPTIONS.UPDATED_AT, now).where(USER_SUBSCRIPTIONS.ID.eq(active.getId())).execute();
        } else {
            if (active != null) {
                db.update(USER_SUBSCRIPTIONS).set(USER_SUBSCRIPTIONS.STATUS, "expired")
                        .set(USER_SUBSCRIPTIONS.UPDATED_AT, now).where(USER_SUBSCRIPTIONS.ID.eq(active.getId())).execute();
            }
            expires = now.plusDays(days);
            db.insertInto(USER_SUBSCRIPTIONS).set(USER_SUBSCRIPTIONS.USER_ID, userId)
                    .set(USER_SUBSCRIPTIONS.GROUP_ID, code.getGroupId()).set(USER_SUBSCRIPTIONS.STARTS_AT, now)
                    .set(USER_SUBSCRIPTIONS.EXPIRES_AT, expires).execute();
        }
        return "Your subscription to '" + group + "' now runs until " + expires.toInstant() + ".";
    }

    /** Adds slots to a limited user; an unlimited user (no limit set) stays unlimited. */
    private String concurrency(long userId, RedeemCodesRecord code) {
        int slots = code.getValue().intValueExact();
        Integer after = db.update(USERS).set(USERS.CONCURRENCY_LIMIT, USERS.CONCURRENCY_LIMIT.plus(slots))
                .where(USERS.ID.eq(userId)).returning(USERS.CONCURRENCY_LIMIT).fetchSingle(USERS.CONCURRENCY_LIMIT);
        return after == null ? "Your concurrency is not limited." : "You may now run " + after + " requests at a time.";
    }
}
