package dev.relaypool.server.billing;

import static dev.relaypool.server.storage.schema.Tables.API_KEYS;
import static dev.relaypool.server.storage.schema.Tables.GROUPS;
import static dev.relaypool.server.storage.schema.Tables.UPSTREAM_ACCOUNTS;
import static dev.relaypool.server.storage.schema.Tables.USER_GROUP_RATES;

import dev.relaypool.server.usage.UsageRecord;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * What a batch's rows need from the rest of the schema, read in four queries per batch inside its transaction: each
 * group's billing type and multiplier, members' own multipliers, and which keys and accounts still exist (a row
 * naming a deleted key would violate a foreign key and block every later batch, so such rows are skipped).
 */
final class SettlementLookups {
    record GroupTerms(boolean subscription, BigDecimal multiplier) {}

    private record UserGroup(long userId, long groupId) {}

    private final Map<Long, GroupTerms> groups = new HashMap<>();
    private final Map<UserGroup, BigDecimal> userRates = new HashMap<>();
    private final Set<Long> keys = new HashSet<>();
    private final Set<Long> accounts = new HashSet<>();

    static SettlementLookups load(DSLContext db, List<UsageRecord> batch) {
        SettlementLookups lookups = new SettlementLookups();
        Set<Long> groupIds = new HashSet<>();
        Set<Long> userIds = new HashSet<>();
        Set<Long> keyIds = new HashSet<>();
        Set<Long> accountIds = new HashSet<>();
        for (UsageRecord r : batch) {
            groupIds.add(r.groupId());
            userIds.add(r.userId());
            keyIds.add(r.apiKeyId());
            if (r.accountId() != null) {
                accountIds.add(r.accountId());
            }
        }
        db.select(GROUPS.ID, GROUPS.BILLING_TYPE, GROUPS.RATE_MULTIPLIER).from(GROUPS).where(GROUPS.ID.in(groupIds))
                .forEach(g -> lookups.groups.put(g.value1(),
                        new GroupTerms("subscription".equals(g.value2()), g.value3())));
        db.select(USER_GROUP_RATES.USER_ID, USER_GROUP_RATES.GROUP_ID, USER_GROUP_RATES.RATE_MULTIPLIER)
                .from(USER_GROUP_RATES)
                .where(USER_GROUP_RATES.USER_ID.in(userIds).and(USER_GROUP_RATES.GROUP_ID.in(groupIds)))
                .forEach(r -> lookups.userRates.put(new UserGroup(r.value1(), r.value2()), r.value3()));
        lookups.keys.addAll(db.select(API_KEYS.ID).from(API_KEYS).where(API_KEYS.ID.in(keyIds)).fetch(API_KEYS.ID));
        if (!accountIds.isEmpty()) {
            lookups.accounts.addAll(db.select(UPSTREAM_ACCOUNTS.ID).from(UPSTREAM_ACCOUNTS)
                    .where(UPSTREAM_ACCOUNTS.ID.in(accountIds)).fetch(UPSTREAM_ACCOUNTS.ID));
        }
        return lookups;
    }

    /** Whether the record's key and group still exist (its user does while its key does: keys cascade). */
    boolean storable(UsageRecord record) {
        return keys.contains(record.apiKeyId()) && groups.containsKey(record.groupId());
    }

    /** The account id to store: null when the account has been deleted since (the column is ON DELETE SET NULL). */
    Long account(UsageRecord record) {
        return record.accountId() != null && accounts.contains(record.accountId()) ? record.accountId() : null;
    }

    GroupTerms group(UsageRecord record) {
        return groups.get(record.groupId());
    }

    Multipliers multipliers(UsageRecord record) {
        return new Multipliers(group(record).multiplier(),
                userRates.get(new UserGroup(record.userId(), record.groupId())));
    }
}
