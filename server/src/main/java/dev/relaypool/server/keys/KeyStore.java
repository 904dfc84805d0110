package dev.relaypool.server.keys;

import static dev.relaypool.server.storage.schema.Tables.API_KEYS;
import static dev.relaypool.server.storage.schema.Tables.GROUPS;
import static dev.relaypool.server.storage.schema.Tables.USERS;
import static dev.relaypool.server.storage.schema.Tables.USER_GROUP_RATES;

import dev.relaypool.model.Platform;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Reads and writes of the api_keys table (with the owner and group a check needs). Build one per DSLContext. */
final class KeyStore {
    private final DSLContext db;

    KeyStore(DSLContext db) {
        this.db = db;
    }

    /** The key with this hash, joined with its owner and group, classified for the gateway. */
    KeyCheck check(byte[] hash, Instant now) {
        Record row = db.select(API_KEYS.asterisk(), USERS.STATUS, USERS.CONCURRENCY_LIMIT, USERS.RPM_LIMIT,
                        USERS.TPM_LIMIT, GROUPS.NAME, GROUPS.PLATFORM, GROUPS.STATUS, GROUPS.BILLING_TYPE,
                        GROUPS.RATE_MULTIPLIER, GROUPS.RPM_LIMIT, GROUPS.TPM_LIMIT, USER_GROUP_RATES.RATE_MULTIPLIER)
                .from(API_KEYS)
                .join(USERS).on(USERS.ID.eq(API_KEYS.USER_ID))
                .join(GROUPS).on(GROUPS.ID.eq(API_KEYS.GROUP_ID))
                .leftJoin(USER_GROUP_RATES).on(USER_GROUP_RATES.USER_ID.eq(API_KEYS.USER_ID)
                        .and(USER_GROUP_RATES.GROUP_ID.eq(API_KEYS.GROUP_ID)))
                .where(API_KEYS.KEY_HASH.eq(hash))
                .fetchOne();
        if (row == null) {
            return new KeyCheck.Unknown();
        }
        if (!"active".equals(row.get(API_KEYS.STATUS))) {
            return new KeyCheck.Disabled("this API key is " + row.get(API_KEYS.STATUS));
        }
        if (!"active".equals(row.get(USERS.STATUS))) {
            return new KeyCheck.Disabled("the account owning this API key is disabled");
        }
        if (!"active".equals(row.get(GROUPS.STATUS))) {
            return new KeyCheck.Disabled("this API key's group '" + row.get(GROUPS.NAME) + "' is disabled");
        }
        Instant expiresAt = toInstant(row.get(API_KEYS.EXPIRES_AT));
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            return new KeyCheck.Expired(expiresAt);
        }
        return new KeyCheck.Active(new ActiveKey(
                row.get(API_KEYS.ID), row.get(API_KEYS.KEY_PREFIX), row.get(API_KEYS.USER_ID),
                row.get(API_KEYS.GROUP_ID), row.get(GROUPS.NAME), Platform.fromWire(row.get(GROUPS.PLATFORM)),
                row.get(GROUPS.BILLING_TYPE), row.get(GROUPS.RATE_MULTIPLIER),
                row.get(USER_GROUP_RATES.RATE_MULTIPLIER), expiresAt, row.get(API_KEYS.QUOTA_USD),
                row.get(API_KEYS.CONCURRENCY_LIMIT), row.get(USERS.CONCURRENCY_LIMIT),
                row.get(API_KEYS.RPM_LIMIT), row.get(USERS.RPM_LIMIT), row.get(GROUPS.RPM_LIMIT),
                row.get(API_KEYS.TPM_LIMIT), row.get(USERS.TPM_LIMIT), row.get(GROUPS.TPM_LIMIT),
                List.of(row.get(API_KEYS.IP_ALLOW)), List.of(row.get(API_KEYS.IP_DENY))));
    }

    long insert(NewKey spec, byte[] hash, String displayPrefix) {
        return db.insertInto(API_KEYS)
                .set(API_KEYS.USER_ID, spec.userId())
                .set(API_KEYS.GROUP_ID, spec.groupId())
                .set(API_KEYS.NAME, spec.name())
                .set(API_KEYS.KEY_HASH, hash)
                .set(API_KEYS.KEY_PREFIX, displayPrefix)
                .set(API_KEYS.EXPIRES_AT, spec.expiresAt().map(t -> t.atOffset(java.time.ZoneOffset.UTC)).orElse(null))
                .set(API_KEYS.QUOTA_USD, spec.quotaUsd().orElse(null))
                .set(API_KEYS.IP_ALLOW, spec.ipAllow().toArray(String[]::new))
                .set(API_KEYS.IP_DENY, spec.ipDeny().toArray(String[]::new))
                .returning(API_KEYS.ID)
                .fetchOne()
                .getId();
    }

    /** Sets a key's status; empty when there is no such key. */
    Optional<Long> setStatus(long keyId, String status) {
        int updated = db.update(API_KEYS)
                .set(API_KEYS.STATUS, status)
                .set(API_KEYS.UPDATED_AT, OffsetDateTime.now())
                .where(API_KEYS.ID.eq(keyId))
                .execute();
        return updated == 0 ? Optional.empty() : Optional.of(keyId);
    }

    private static Instant toInstant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
