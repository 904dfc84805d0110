package dev.relaypool.server.admin;

import static dev.relaypool.server.storage.schema.Tables.ACCOUNT_GROUPS;
import static dev.relaypool.server.storage.schema.Tables.GROUPS;
import static dev.relaypool.server.storage.schema.Tables.UPSTREAM_ACCOUNTS;

import dev.relaypool.model.Platform;
import dev.relaypool.model.admin.GroupAccount;
import dev.relaypool.model.admin.GroupRequest;
import dev.relaypool.model.admin.GroupView;
import dev.relaypool.server.storage.schema.tables.records.GroupsRecord;
import java.time.OffsetDateTime;
import dev.relaypool.model.api.Page;
import dev.relaypool.server.members.PageQuery;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Reads and writes of groups and their account links; one per DSLContext. */
final class GroupStore {
    private static final Field<Integer> ACCOUNT_COUNT = DSL.field(DSL.selectCount().from(ACCOUNT_GROUPS)
            .where(ACCOUNT_GROUPS.GROUP_ID.eq(GROUPS.ID))).as("account_count");
    private final DSLContext db;

    GroupStore(DSLContext db) {
        this.db = db;
    }

    static final Map<String, Field<?>> SORTABLE = Map.of("id", GROUPS.ID, "name", GROUPS.NAME,
            "platform", GROUPS.PLATFORM, "billingType", GROUPS.BILLING_TYPE, "status", GROUPS.STATUS,
            "rateMultiplier", GROUPS.RATE_MULTIPLIER, "createdAt", GROUPS.CREATED_AT);

    /** One page; {@code ?q=} searches name and description, {@code platform}, {@code billingType}, {@code status} filter. */
    Page<GroupView> list(PageQuery page) {
        Condition where = DSL.and(
                page.param("platform").map(GROUPS.PLATFORM::eq).orElse(DSL.noCondition()),
                page.param("billingType").map(GROUPS.BILLING_TYPE::eq).orElse(DSL.noCondition()),
                page.param("status").map(GROUPS.STATUS::eq).orElse(DSL.noCondition()),
                page.likePattern().map(like -> GROUPS.NAME.likeIgnoreCase(like, '\\')
                        .or(GROUPS.DESCRIPTION.likeIgnoreCase(like, '\\'))).orElse(DSL.noCondition()));
        long total = db.fetchCount(GROUPS, where);
        return page.page(db.select(GROUPS.asterisk(), ACCOUNT_COUNT).from(GROUPS).where(where)
                .orderBy(page.order(), GROUPS.ID).limit(page.size()).offset(page.offset())
                .fetch(GroupStore::view), total);
    }

    Optional<GroupView> find(long id) {
        return db.select(GROUPS.asterisk(), ACCOUNT_COUNT).from(GROUPS).where(GROUPS.ID.eq(id))
                .fetchOptional(GroupStore::view);
    }

    long insert(GroupRequest g) {
        GroupsRecord row = db.newRecord(GROUPS);
        apply(row, g);
        row.store();
        return row.getId();
    }

    boolean replace(long id, GroupRequest g, OffsetDateTime now) {
        GroupsRecord row = db.selectFrom(GROUPS).where(GROUPS.ID.eq(id)).forUpdate().fetchOptional().orElse(null);
        if (row == null) {
            return false;
        }
        apply(row, g);
        row.setUpdatedAt(now);
        row.store();
        return true;
    }

    private static void apply(GroupsRecord row, GroupRequest g) {
        row.setName(g.name());
        row.setDescription(g.description());
        row.setPlatform(g.platform().wireName());
        row.setBillingType(g.billingType());
        row.setRateMultiplier(g.rateMultiplier());
        row.setExclusive(g.exclusive());
        row.setDailyLimitUsd(g.dailyLimitUsd());
        row.setWeeklyLimitUsd(g.weeklyLimitUsd());
        row.setMonthlyLimitUsd(g.monthlyLimitUsd());
        row.setRpmLimit(g.rpmLimit());
        row.setTpmLimit(g.tpmLimit());
        row.setStatus(g.status());
    }

    List<GroupAccount> accounts(long groupId) {
        return db.select(UPSTREAM_ACCOUNTS.ID, UPSTREAM_ACCOUNTS.NAME, UPSTREAM_ACCOUNTS.STATUS, ACCOUNT_GROUPS.PRIORITY)
                .from(ACCOUNT_GROUPS).join(UPSTREAM_ACCOUNTS).on(UPSTREAM_ACCOUNTS.ID.eq(ACCOUNT_GROUPS.ACCOUNT_ID))
                .where(ACCOUNT_GROUPS.GROUP_ID.eq(groupId)).orderBy(ACCOUNT_GROUPS.PRIORITY, UPSTREAM_ACCOUNTS.ID)
                .fetch(r -> new GroupAccount(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** Links an account (of the group's platform) at a priority, or changes the priority of an existing link. */
    void link(long groupId, long accountId, int priority) {
        String groupPlatform = db.select(GROUPS.PLATFORM).from(GROUPS).where(GROUPS.ID.eq(groupId))
                .fetchOptional(GROUPS.PLATFORM).orElseThrow(() -> dev.relaypool.server.members.Problems.notFound("group"));
        String accountPlatform = db.select(UPSTREAM_ACCOUNTS.PLATFORM).from(UPSTREAM_ACCOUNTS)
                .where(UPSTREAM_ACCOUNTS.ID.eq(accountId)).fetchOptional(UPSTREAM_ACCOUNTS.PLATFORM)
                .orElseThrow(() -> dev.relaypool.server.members.Problems.notFound("account"));
        if (!groupPlatform.equals(accountPlatform)) {
            throw dev.relaypool.server.members.Problems.badRequest("the account's platform is not the group's");
        }
        db.insertInto(ACCOUNT_GROUPS).set(ACCOUNT_GROUPS.GROUP_ID, groupId).set(ACCOUNT_GROUPS.ACCOUNT_ID, accountId)
                .set(ACCOUNT_GROUPS.PRIORITY, priority)
                .onConflict(ACCOUNT_GROUPS.ACCOUNT_ID, ACCOUNT_GROUPS.GROUP_ID).doUpdate()
                .set(ACCOUNT_GROUPS.PRIORITY, priority).execute();
    }

    boolean unlink(long groupId, long accountId) {
        return db.deleteFrom(ACCOUNT_GROUPS).where(ACCOUNT_GROUPS.GROUP_ID.eq(groupId))
                .and(ACCOUNT_GROUPS.ACCOUNT_ID.eq(accountId)).execute() > 0;
    }

    private static GroupView view(Record r) {
        return new GroupView(r.get(GROUPS.ID), r.get(GROUPS.NAME), r.get(GROUPS.DESCRIPTION),
                Platform.fromWire(r.get(GROUPS.PLATFORM)), r.get(GROUPS.BILLING_TYPE), r.get(GROUPS.RATE_MULTIPLIER),
                r.get(GROUPS.EXCLUSIVE), r.get(GROUPS.DAILY_LIMIT_USD), r.get(GROUPS.WEEKLY_LIMIT_USD),
                r.get(GROUPS.MONTHLY_LIMIT_USD), r.get(GROUPS.RPM_LIMIT), r.get(GROUPS.TPM_LIMIT), r.get(GROUPS.STATUS),
                r.get(ACCOUNT_COUNT), UserStore.instant(r.get(GROUPS.CREATED_AT)));
    }
}
