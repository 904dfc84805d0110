package dev.relaypool.server.admin;

import static dev.relaypool.server.storage.schema.Tables.ACCOUNT_GROUPS;
import static dev.relaypool.server.storage.schema.Tables.UPSTREAM_ACCOUNTS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.relaypool.model.Platform;
import dev.relaypool.model.admin.AccountView;
import dev.relaypool.model.admin.GroupMembership;
import dev.relaypool.server.api.Json;
import dev.relaypool.server.coordination.Cooldown;
import dev.relaypool.server.coordination.Coordination;
import dev.relaypool.server.members.PageQuery;
import dev.relaypool.server.storage.schema.tables.records.UpstreamAccountsRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/**
 * Account rows as the admin sees them, joined with live state: leases in use and the cooldown. The credentials
 * column is never read here except to be overwritten.
 */
final class AccountStore {
    static final Map<String, Field<?>> SORTABLE = Map.of("id", UPSTREAM_ACCOUNTS.ID, "name", UPSTREAM_ACCOUNTS.NAME,
            "priority", UPSTREAM_ACCOUNTS.PRIORITY, "status", UPSTREAM_ACCOUNTS.STATUS,
            "lastUsedAt", UPSTREAM_ACCOUNTS.LAST_USED_AT, "createdAt", UPSTREAM_ACCOUNTS.CREATED_AT);
    private final DSLContext db;
    private final Coordination coordination;

    AccountStore(DSLContext db, Coordination coordination) {
        this.db = db;
        this.coordination = coordination;
    }

    dev.relaypool.model.api.Page<AccountView> list(PageQuery page) {
        Condition where = DSL.noCondition();
        where = where.and(page.param("status").map(UPSTREAM_ACCOUNTS.STATUS::eq).orElse(DSL.noCondition()));
        where = where.and(page.param("platform").map(UPSTREAM_ACCOUNTS.PLATFORM::eq).orElse(DSL.noCondition()));
        where = where.and(page.longParam("groupId").map(g -> DSL.exists(DSL.selectOne().from(ACCOUNT_GROUPS)
                .where(ACCOUNT_GROUPS.ACCOUNT_ID.eq(UPSTREAM_ACCOUNTS.ID)).and(ACCOUNT_GROUPS.GROUP_ID.eq(g))))
                .orElse(DSL.noCondition()));
        where = where.and(page.likePattern().map(p -> UPSTREAM_ACCOUNTS.NAME.likeIgnoreCase(p, '\\')
                .or(UPSTREAM_ACCOUNTS.NOTES.likeIgnoreCase(p, '\\'))).orElse(DSL.noCondition()));
        long total = db.fetchCount(UPSTREAM_ACCOUNTS, where);
        List<AccountView> items = db.selectFrom(UPSTREAM_ACCOUNTS).where(where).orderBy(page.order(), UPSTREAM_ACCOUNTS.ID)
                .limit(page.size()).offset(page.offset()).fetch(this::view);
        return page.page(items, total);
    }

    Optional<AccountView> find(long id) {
        return db.selectFrom(UPSTREAM_ACCOUNTS).where(UPSTREAM_ACCOUNTS.ID.eq(id)).fetchOptional(this::view);
    }

    Optional<UpstreamAccountsRecord> lock(long id) {
        return db.selectFrom(UPSTREAM_ACCOUNTS).where(UPSTREAM_ACCOUNTS.ID.eq(id)).forUpdate().fetchOptional();
    }

    AccountView view(UpstreamAccountsRecord r) {
        List<GroupMembership> groups = db.select(ACCOUNT_GROUPS.GROUP_ID, ACCOUNT_GROUPS.PRIORITY).from(ACCOUNT_GROUPS)
                .where(ACCOUNT_GROUPS.ACCOUNT_ID.eq(r.getId())).orderBy(ACCOUNT_GROUPS.GROUP_ID)
                .fetch(g -> new GroupMembership(g.value1(), g.value2()));
        Optional<Cooldown> cooldown = coordination.cooldowns().get(r.getId());
        return new AccountView(r.getId(), r.getName(), Platform.fromWire(r.getPlatform()), r.getType(),
                r.getBaseUrl(), r.getProxyId(), r.getConcurrencyLimit(), r.getPriority(), r.getStatus(),
                r.getSchedulable(), mapping(r.getModelMapping()), r.getErrorMessage(), r.getNotes(), groups,
                coordination.leases().inUse("account:" + r.getId()),
                cooldown.map(Cooldown::until).orElse(null), cooldown.map(Cooldown::reason).orElse(null),
                UserStore.instant(r.getLastUsedAt()), UserStore.instant(r.getCreatedAt()));
    }

    static Map<String, String> mapping(JSONB json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return Json.MAPPER.readValue(json.data(), new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    static JSONB mapping(Map<String, String> mapping) {
        try {
            return JSONB.valueOf(Json.MAPPER.writeValueAsString(mapping));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("modelMapping is not serialisable");
        }
    }
}
