package dev.relaypool.server.testing;

import static dev.relaypool.server.storage.schema.Tables.API_KEYS;
import static dev.relaypool.server.storage.schema.Tables.GROUPS;
import static dev.relaypool.server.storage.schema.Tables.UPSTREAM_ACCOUNTS;
import static dev.relaypool.server.storage.schema.Tables.USAGE_LOG;
import static dev.relaypool.server.storage.schema.Tables.USERS;
import static dev.relaypool.server.storage.schema.Tables.USER_GROUP_RATES;
import static dev.relaypool.server.storage.schema.Tables.USER_SUBSCRIPTIONS;

import dev.relaypool.server.usage.rollup.RollupWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.DSLContext;

/** Inserts the users, groups, keys, accounts and subscriptions that billing tests charge; unique names per call. */
public final class BillingRows {
    private final DSLContext db;

    public BillingRows(DSLContext db) {
        this.db = db;
    }

    public long user(String balance) {
        return db.insertInto(USERS).set(USERS.EMAIL, unique() + "@test.example").set(USERS.PASSWORD_HASH, "x")
                .set(USERS.BALANCE, new BigDecimal(balance)).returning(USERS.ID).fetchSingle(USERS.ID);
    }

    public long balanceGroup(String multiplier) {
        return group("balance", multiplier, null);
    }

    public long subscriptionGroup(String dailyLimit) {
        return group("subscription", "1", dailyLimit == null ? null : new BigDecimal(dailyLimit));
    }

    private long group(String billingType, String multiplier, BigDecimal dailyLimit) {
        return db.insertInto(GROUPS).set(GROUPS.NAME, "g-" + unique()).set(GROUPS.PLATFORM, "anthropic")
                .set(GROUPS.BILLING_TYPE, billingType).set(GROUPS.RATE_MULTIPLIER, new BigDecimal(multiplier))
                .set(GROUPS.DAILY_LIMIT_USD, dailyLimit).returning(GROUPS.ID).fetchSingle(GROUPS.ID);
    }

    public long key(long userId, long groupId) {
        byte[] hash = new byte[32];
        ThreadLocalRandom.current().nextBytes(hash);
        return db.insertInto(API_KEYS).set(API_KEYS.USER_ID, userId).set(API_KEYS.GROUP_ID, groupId)
                .set(API_KEYS.NAME, "k").set(API_KEYS.KEY_HASH, hash).set(API_KEYS.KEY_PREFIX, "rp-test")
                .returning(API_KEYS.ID).fetchSingle(API_KEYS.ID);
    }

    public long account() {
        return db.insertInto(UPSTREAM_ACCOUNTS).set(UPSTREAM_ACCOUNTS.NAME, "a-" + unique())
                .set(UPSTREAM_ACCOUNTS.PLATFORM, "anthropic").set(UPSTREAM_ACCOUNTS.TYPE, "api_key")
                .set(UPSTREAM_ACCOUNTS.CREDENTIALS, new byte[] {1}).returning(UPSTREAM_ACCOUNTS.ID)
                .fetchSingle(UPSTREAM_ACCOUNTS.ID);
    }

    public void userRate(long userId, long groupId, String multiplier) {
        db.insertInto(USER_GROUP_RATES).set(USER_GROUP_RATES.USER_ID, userId).set(USER_GROUP_RATES.GROUP_ID, groupId)
                .set(USER_GROUP_RATES.RATE_MULTIPLIER, new BigDecimal(multiplier)).execute();
    }

    public long subscription(long userId, long groupId, Instant startsAt, Instant expiresAt) {
        return db.insertInto(USER_SUBSCRIPTIONS).set(USER_SUBSCRIPTIONS.USER_ID, userId)
                .set(USER_SUBSCRIPTIONS.GROUP_ID, groupId).set(USER_SUBSCRIPTIONS.STARTS_AT, startsAt.atOffset(ZoneOffset.UTC))
                .set(USER_SUBSCRIPTIONS.EXPIRES_AT, expiresAt.atOffset(ZoneOffset.UTC))
                .returning(USER_SUBSCRIPTIONS.ID).fetchSingle(USER_SUBSCRIPTIONS.ID);
    }

    public BigDecimal balance(long userId) {
        return db.select(USERS.BALANCE).from(USERS).where(USERS.ID.eq(userId)).fetchSingle(USERS.BALANCE);
    }

    /** A charged request at a time: the usage row {@link #usage} writes. */
    public record Spend(Instant at, BigDecimal cost) {}

    /**
     * Usage rows of the key, written as settlement writes them: usage_log and, in the same transaction, the
     * rollups (which the key's rolling spending limits are summed from).
     */
    public void usage(long keyId, long userId, long groupId, List<Spend> spends) {
        db.transaction(tx -> {
            DSLContext t = tx.dsl();
            List<Long> ids = new ArrayList<>();
            for (Spend spend : spends) {
                ids.add(t.insertInto(USAGE_LOG).set(USAGE_LOG.REQUEST_ID, UUID.randomUUID().toString())
                        .set(USAGE_LOG.USER_ID, userId).set(USAGE_LOG.API_KEY_ID, keyId).set(USAGE_LOG.GROUP_ID, groupId)
                        .set(USAGE_LOG.PLATFORM, "anthropic").set(USAGE_LOG.ENDPOINT, "/v1/messages")
                        .set(USAGE_LOG.STREAM, false).set(USAGE_LOG.STATUS_CODE, 200).set(USAGE_LOG.ACTUAL_COST, spend.cost())
                        .set(USAGE_LOG.BILLING_TYPE, "balance").set(USAGE_LOG.DURATION_MS, 10L)
                        .set(USAGE_LOG.CREATED_AT, spend.at().atOffset(ZoneOffset.UTC))
                        .returning(USAGE_LOG.ID).fetchSingle(USAGE_LOG.ID));
            }
            RollupWriter.add(t, ids);
        });
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 13);
    }
}
