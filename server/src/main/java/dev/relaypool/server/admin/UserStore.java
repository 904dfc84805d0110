package dev.relaypool.server.admin;

import static dev.relaypool.server.storage.schema.Tables.BALANCE_LEDGER;
import static dev.relaypool.server.storage.schema.Tables.USERS;
import static dev.relaypool.server.storage.schema.Tables.USER_ALLOWED_GROUPS;

import dev.relaypool.model.admin.AdminUser;
import dev.relaypool.model.admin.BalanceEntry;
import dev.relaypool.model.admin.UserUpdateRequest;
import dev.relaypool.model.api.Page;
import dev.relaypool.server.members.PageQuery;
import dev.relaypool.server.storage.schema.tables.records.BalanceLedgerRecord;
import dev.relaypool.server.storage.schema.tables.records.UsersRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** Reads and writes of users for the admin API; one per DSLContext (transaction). */
final class UserStore {
    static final Map<String, Field<?>> SORTABLE = Map.of("id", USERS.ID, "email", USERS.EMAIL,
            "createdAt", USERS.CREATED_AT, "balance", USERS.BALANCE, "lastLoginAt", USERS.LAST_LOGIN_AT,
            "role", USERS.ROLE, "status", USERS.STATUS);

    private final DSLContext db;

    UserStore(DSLContext db) {
        this.db = db;
    }

    Page<AdminUser> list(PageQuery page) {
        Condition where = DSL.noCondition();
        where = where.and(page.param("status").map(USERS.STATUS::eq).orElse(DSL.noCondition()));
        where = where.and(page.param("role").map(USERS.ROLE::eq).orElse(DSL.noCondition()));
        where = where.and(page.likePattern().map(p -> USERS.EMAIL.likeIgnoreCase(p, '\\')
                .or(USERS.DISPLAY_NAME.likeIgnoreCase(p, '\\')).or(USERS.NOTES.likeIgnoreCase(p, '\\')))
                .orElse(DSL.noCondition()));
        long total = db.fetchCount(USERS, where);
        List<AdminUser> items = db.selectFrom(USERS).where(where).orderBy(page.order(), USERS.ID)
                .limit(page.size()).offset(page.offset()).fetch(UserStore::view);
        return page.page(items, total);
    }

    Optional<AdminUser> find(long id) {
        return db.selectFrom(USERS).where(USERS.ID.eq(id)).fetchOptional(UserStore::view);
    }

    Optional<UsersRecord> lock(long id) {
        return db.selectFrom(USERS).where(USERS.ID.eq(id)).forUpdate().fetchOptional();
    }

    /** Applies the non-null fields; a limit of 0 clears it. Sets tokens_valid_after when role or status changes. */
    void update(UsersRecord row, UserUpdateRequest change, Instant now) {
        boolean signOut = (change.role() != null && !change.role().equals(row.getRole()))
                || (change.status() != null && !change.status().equals(row.getStatus()));
        if (change.displayName() != null) {
            row.setDisplayName(change.displayName().strip());
        }
        if (change.role() != null) {
            row.setRole(change.role());
        }
        if (change.status() != null) {
            row.setStatus(change.status());
        }
        if (change.concurrencyLimit() != null) {
            row.setConcurrencyLimit(change.concurrencyLimit() == 0 ? null : change.concurrencyLimit());
        }
        if (change.rpmLimit() != null) {
            row.setRpmLimit(change.rpmLimit() == 0 ? null : change.rpmLimit());
        }
        if (change.tpmLimit() != null) {
            row.setTpmLimit(change.tpmLimit() == 0 ? null : change.tpmLimit());
        }
        if (change.notes() != null) {
            row.setNotes(change.notes());
        }
        if (signOut) {
            row.setTokensValidAfter(at(now));
        }
        row.setUpdatedAt(at(now));
        db.executeUpdate(row);
    }

    /** Moves the balance and writes the ledger row; the balance may go negative only through an admin. */
    BalanceEntry adjust(long userId, BigDecimal amount, Long actorUserId, String ref) {
        BigDecimal after = db.update(USERS).set(USERS.BALANCE, USERS.BALANCE.plus(amount))
                .where(USERS.ID.eq(userId)).returning(USERS.BALANCE).fetchOne(USERS.BALANCE);
        BalanceLedgerRecord entry = db.insertInto(BALANCE_LEDGER)
                .set(BALANCE_LEDGER.USER_ID, userId)
                .set(BALANCE_LEDGER.AMOUNT, amount)
                .set(BALANCE_LEDGER.BALANCE_AFTER, after)
                .set(BALANCE_LEDGER.REASON, "admin_adjust")
                .set(BALANCE_LEDGER.REF, ref)
                .set(BALANCE_LEDGER.ACTOR_USER_ID, actorUserId)
                .returning().fetchSingle();
        return entry(entry);
    }

    List<BalanceEntry> ledger(long userId, int limit) {
        return db.selectFrom(BALANCE_LEDGER).where(BALANCE_LEDGER.USER_ID.eq(userId))
                .orderBy(BALANCE_LEDGER.ID.desc()).limit(limit).fetch(UserStore::entry);
    }

    List<Long> allowedGroups(long userId) {
        return db.select(USER_ALLOWED_GROUPS.GROUP_ID).from(USER_ALLOWED_GROUPS)
                .where(USER_ALLOWED_GROUPS.USER_ID.eq(userId)).orderBy(USER_ALLOWED_GROUPS.GROUP_ID)
                .fetch(USER_ALLOWED_GROUPS.GROUP_ID);
    }

    void replaceAllowedGroups(long userId, List<Long> groupIds) {
        db.deleteFrom(USER_ALLOWED_GROUPS).where(USER_ALLOWED_GROUPS.USER_ID.eq(userId)).execute();
        for (long groupId : groupIds) {
            db.insertInto(USER_ALLOWED_GROUPS).set(USER_ALLOWED_GROUPS.USER_ID, userId)
                    .set(USER_ALLOWED_GROUPS.GROUP_ID, groupId).execute();
        }
    }

    static AdminUser view(UsersRecord u) {
        return new AdminUser(u.getId(), u.getEmail(), u.getDisplayName(), u.getRole(), u.getStatus(), u.getBalance(),
                u.getConcurrencyLimit(), u.getRpmLimit(), u.getTpmLimit(), u.getNotes(),
                Boolean.TRUE.equals(u.getTotpEnabled()), instant(u.getLastLoginAt()), instant(u.getCreatedAt()));
    }

    private static BalanceEntry entry(BalanceLedgerRecord r) {
        return new BalanceEntry(r.getId(), r.getUserId(), r.getAmount(), r.getBalanceAfter(), r.getReason(),
                r.getRef(), instant(r.getCreatedAt()));
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
