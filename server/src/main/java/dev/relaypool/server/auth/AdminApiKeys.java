package dev.relaypool.server.auth;

import static dev.relaypool.server.storage.schema.Tables.ADMIN_API_KEYS;

import dev.relaypool.model.auth.ApiKeyCreated;
import dev.relaypool.model.auth.ApiKeyView;
import dev.relaypool.server.api.Principal;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.storage.schema.tables.records.AdminApiKeysRecord;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Admin API keys ({@code rpa_...}) for automation: created by an admin, shown once, stored as SHA-256 hashes. */
public final class AdminApiKeys {
    public static final String PREFIX = "rpa_";
    /** last_used_at is a hint, not an audit: write it at most this often per key. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final Database database;
    private final Clock clock;
    private final SecureRandom random;

    AdminApiKeys(Database database, Clock clock, SecureRandom random) {
        this.database = database;
        this.clock = clock;
        this.random = random;
    }

    public ApiKeyCreated create(String name, Principal by, String ip) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return database.transactionResult(tx -> {
            AdminApiKeysRecord row = tx.insertInto(ADMIN_API_KEYS)
                    .set(ADMIN_API_KEYS.NAME, name)
                    .set(ADMIN_API_KEYS.KEY_HASH, Sessions.sha256(key))
                    .set(ADMIN_API_KEYS.KEY_PREFIX, key.substring(0, PREFIX.length() + 6))
                    .set(ADMIN_API_KEYS.CREATED_BY, by instanceof Principal.User user ? user.userId() : null)
                    .returning()
                    .fetchSingle();
            AuditTrail.record(tx, by, "admin_api_key.created", "admin_api_key", row.getId(), ip);
            return new ApiKeyCreated(row.getId(), name, key);
        });
    }

    public List<ApiKeyView> list() {
        return database.dsl().selectFrom(ADMIN_API_KEYS).orderBy(ADMIN_API_KEYS.ID).fetch(AdminApiKeys::view);
    }

    /** Revokes the key; false when there is no such key. */
    public boolean revoke(long id, Principal by, String ip) {
        return database.transactionResult(tx -> {
            int changed = tx.update(ADMIN_API_KEYS).set(ADMIN_API_KEYS.REVOKED_AT, UserAccounts.at(clock.instant()))
                    .where(ADMIN_API_KEYS.ID.eq(id)).and(ADMIN_API_KEYS.REVOKED_AT.isNull()).execute();
            if (changed > 0) {
                AuditTrail.record(tx, by, "admin_api_key.revoked", "admin_api_key", id, ip);
            }
            return changed > 0 || tx.fetchExists(ADMIN_API_KEYS, ADMIN_API_KEYS.ID.eq(id));
        });
    }

    /** The key's principal when it exists and is not revoked. */
    Optional<Principal.ApiKey> authenticate(String key) {
        Optional<AdminApiKeysRecord> row = database.dsl().selectFrom(ADMIN_API_KEYS)
                .where(ADMIN_API_KEYS.KEY_HASH.eq(Sessions.sha256(key))).and(ADMIN_API_KEYS.REVOKED_AT.isNull())
                .fetchOptional();
        row.ifPresent(this::touch);
        return row.map(r -> new Principal.ApiKey(r.getId(), r.getName()));
    }

    private void touch(AdminApiKeysRecord row) {
        Instant now = clock.instant();
        OffsetDateTime last = row.getLastUsedAt();
        if (last == null || last.toInstant().plus(TOUCH_INTERVAL).isBefore(now)) {
            database.dsl().update(ADMIN_API_KEYS).set(ADMIN_API_KEYS.LAST_USED_AT, UserAccounts.at(now))
                    .where(ADMIN_API_KEYS.ID.eq(row.getId())).execute();
        }
    }

    private static ApiKeyView view(AdminApiKeysRecord row) {
        return new ApiKeyView(row.getId(), row.getName(), row.getKeyPrefix(), row.getCreatedAt().toInstant(),
                row.getLastUsedAt() == null ? null : row.getLastUsedAt().toInstant(), row.getRevokedAt() != null);
    }
}
