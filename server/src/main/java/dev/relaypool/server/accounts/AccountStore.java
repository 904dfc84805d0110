package dev.relaypool.server.accounts;

import static dev.relaypool.server.storage.schema.Tables.ACCOUNT_GROUPS;
import static dev.relaypool.server.storage.schema.Tables.PROXIES;
import static dev.relaypool.server.storage.schema.Tables.UPSTREAM_ACCOUNTS;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaypool.model.Platform;
import dev.relaypool.server.gateway.UpstreamAccount;
import dev.relaypool.server.gateway.UpstreamProxy;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;

/** Reads and writes of upstream_accounts and account_groups. Build one per DSLContext (transaction). */
final class AccountStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DSLContext db;
    private final CredentialCodec codec;

    AccountStore(DSLContext db, CredentialCodec codec) {
        this.db = db;
        this.codec = codec;
    }

    long insert(NewAccount account) {
        String mapping;
        try {
            mapping = JSON.writeValueAsString(account.modelMapping().entries());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return db.insertInto(UPSTREAM_ACCOUNTS)
                .set(UPSTREAM_ACCOUNTS.NAME, account.name())
                .set(UPSTREAM_ACCOUNTS.PLATFORM, account.platform().wireName())
                .set(UPSTREAM_ACCOUNTS.TYPE, account.type())
                .set(UPSTREAM_ACCOUNTS.BASE_URL, account.baseUrl().orElse(null))
                .set(UPSTREAM_ACCOUNTS.CREDENTIALS, codec.encrypt(account.credentials()))
                .set(UPSTREAM_ACCOUNTS.PROXY_ID, account.proxyId().orElse(null))
                .set(UPSTREAM_ACCOUNTS.CONCURRENCY_LIMIT, account.concurrencyLimit())
                .set(UPSTREAM_ACCOUNTS.PRIORITY, account.priority())
                .set(UPSTREAM_ACCOUNTS.MODEL_MAPPING, JSONB.valueOf(mapping))
                .set(UPSTREAM_ACCOUNTS.TOKEN_EXPIRES_AT, account.credentials() instanceof AccountCredentials.OAuth o
                        && o.expiresAt() != null ? o.expiresAt().atOffset(ZoneOffset.UTC) : null)
                .returning(UPSTREAM_ACCOUNTS.ID)
                .fetchOne()
                .getId();
    }

    void link(long accountId, long groupId, int priority) {
        db.insertInto(ACCOUNT_GROUPS)
                .set(ACCOUNT_GROUPS.ACCOUNT_ID, accountId)
                .set(ACCOUNT_GROUPS.GROUP_ID, groupId)
                .set(ACCOUNT_GROUPS.PRIORITY, priority)
                .onConflict(ACCOUNT_GROUPS.ACCOUNT_ID, ACCOUNT_GROUPS.GROUP_ID)
                .doUpdate().set(ACCOUNT_GROUPS.PRIORITY, priority)
                .execute();
    }

    /** Every active, schedulable account linked to a group, per group id (the scheduler's snapshot). */
    Map<Long, List<PooledAccount>> schedulableByGroup() {
        Map<Long, List<PooledAccount>> byGroup = new java.util.HashMap<>();
        for (Record row : db.select(UPSTREAM_ACCOUNTS.asterisk(), ACCOUNT_GROUPS.GROUP_ID, ACCOUNT_GROUPS.PRIORITY,
                        PROXIES.PROTOCOL, PROXIES.HOST, PROXIES.PORT, PROXIES.USERNAME, PROXIES.PASSWORD, PROXIES.STATUS)
                .from(UPSTREAM_ACCOUNTS)
                .join(ACCOUNT_GROUPS).on(ACCOUNT_GROUPS.ACCOUNT_ID.eq(UPSTREAM_ACCOUNTS.ID))
                .leftJoin(PROXIES).on(PROXIES.ID.eq(UPSTREAM_ACCOUNTS.PROXY_ID))
                .where(UPSTREAM_ACCOUNTS.STATUS.eq("active").and(UPSTREAM_ACCOUNTS.SCHEDULABLE.isTrue()))
                .orderBy(ACCOUNT_GROUPS.PRIORITY, UPSTREAM_ACCOUNTS.ID)
                .fetch()) {
            byGroup.computeIfAbsent(row.get(ACCOUNT_GROUPS.GROUP_ID), g -> new ArrayList<>()).add(pooled(row));
        }
        return byGroup;
    }

    private PooledAccount pooled(Record row) {
        Platform platform = Platform.fromWire(row.get(UPSTREAM_ACCOUNTS.PLATFORM));
        String baseUrl = row.get(UPSTREAM_ACCOUNTS.BASE_URL);
        UpstreamAccount upstream = new UpstreamAccount(row.get(UPSTREAM_ACCOUNTS.ID), platform,
                baseUrl == null || baseUrl.isBlank() ? OfficialEndpoints.baseUrl(platform) : baseUrl,
                codec.decrypt(row.get(UPSTREAM_ACCOUNTS.CREDENTIALS)).toUpstream(), proxy(row));
        return new PooledAccount(upstream, row.get(UPSTREAM_ACCOUNTS.NAME), row.get(ACCOUNT_GROUPS.PRIORITY),
                row.get(UPSTREAM_ACCOUNTS.CONCURRENCY_LIMIT), mapping(row.get(UPSTREAM_ACCOUNTS.MODEL_MAPPING)));
    }

    private Optional<UpstreamProxy> proxy(Record row) {
        String protocol = row.get(PROXIES.PROTOCOL);
        if (protocol == null || !"active".equals(row.get(PROXIES.STATUS))) {
            return Optional.empty();
        }
        byte[] password = row.get(PROXIES.PASSWORD);
        return Optional.of(new UpstreamProxy(
                "socks5".equals(protocol) ? UpstreamProxy.Type.SOCKS5 : UpstreamProxy.Type.HTTP,
                row.get(PROXIES.HOST), row.get(PROXIES.PORT), Optional.ofNullable(row.get(PROXIES.USERNAME)),
                password == null ? Optional.empty() : Optional.of(codec.decryptSecret(password))));
    }

    private static ModelMapping mapping(JSONB json) {
        if (json == null) {
            return ModelMapping.ALLOW_ALL;
        }
        try {
            return new ModelMapping(JSON.readValue(json.data(), new TypeReference<Map<String, String>>() {}));
        } catch (IOException e) {
            throw new IllegalStateException("an account's model mapping is not a JSON object of strings");
        }
    }

    /** Records the outcome the scheduler learnt; never touched per request except {@code last_used_at}. */
    void markError(long accountId, String message) {
        db.update(UPSTREAM_ACCOUNTS)
                .set(UPSTREAM_ACCOUNTS.STATUS, "error")
                .set(UPSTREAM_ACCOUNTS.ERROR_MESSAGE, message)
                .set(UPSTREAM_ACCOUNTS.UPDATED_AT, OffsetDateTime.now())
                .where(UPSTREAM_ACCOUNTS.ID.eq(accountId))
                .execute();
    }

    /** The last rate-limit state the scheduler recorded per account (only accounts that have one). */
    Map<Long, String> rateLimitStates() {
        Map<Long, String> states = new java.util.HashMap<>();
        db.select(UPSTREAM_ACCOUNTS.ID, UPSTREAM_ACCOUNTS.RATE_LIMIT_STATE).from(UPSTREAM_ACCOUNTS)
                .where(UPSTREAM_ACCOUNTS.RATE_LIMIT_STATE.isNotNull())
                .forEach(row -> states.put(row.value1(), row.value2().data()));
        return states;
    }

    void saveRateLimitState(long accountId, String json) {
        db.update(UPSTREAM_ACCOUNTS)
                .set(UPSTREAM_ACCOUNTS.RATE_LIMIT_STATE, JSONB.valueOf(json))
                .where(UPSTREAM_ACCOUNTS.ID.eq(accountId))
                .execute();
    }

    /** The account, if it is an active OAuth account, read now (not from the snapshot). */
    Optional<OAuthAccount> oauthAccount(long accountId) {
        Record row = db.select(UPSTREAM_ACCOUNTS.asterisk(), PROXIES.PROTOCOL, PROXIES.HOST, PROXIES.PORT,
                        PROXIES.USERNAME, PROXIES.PASSWORD, PROXIES.STATUS)
                .from(UPSTREAM_ACCOUNTS)
                .leftJoin(PROXIES).on(PROXIES.ID.eq(UPSTREAM_ACCOUNTS.PROXY_ID))
                .where(UPSTREAM_ACCOUNTS.ID.eq(accountId).and(UPSTREAM_ACCOUNTS.STATUS.eq("active"))
                        .and(UPSTREAM_ACCOUNTS.TYPE.eq("oauth")))
                .fetchOne();
        if (row == null || !(codec.decrypt(row.get(UPSTREAM_ACCOUNTS.CREDENTIALS)) instanceof AccountCredentials.OAuth tokens)) {
            return Optional.empty();
        }
        return Optional.of(new OAuthAccount(accountId, row.get(UPSTREAM_ACCOUNTS.NAME),
                Platform.fromWire(row.get(UPSTREAM_ACCOUNTS.PLATFORM)), tokens, proxy(row)));
    }

    /** Ids of active OAuth accounts whose access token expires at or before {@code deadline}. */
    List<Long> oauthExpiringBy(OffsetDateTime deadline) {
        return db.select(UPSTREAM_ACCOUNTS.ID).from(UPSTREAM_ACCOUNTS)
                .where(UPSTREAM_ACCOUNTS.TYPE.eq("oauth").and(UPSTREAM_ACCOUNTS.STATUS.eq("active"))
                        .and(UPSTREAM_ACCOUNTS.TOKEN_EXPIRES_AT.le(deadline)))
                .orderBy(UPSTREAM_ACCOUNTS.TOKEN_EXPIRES_AT)
                .fetch(UPSTREAM_ACCOUNTS.ID);
    }

    Optional<String> baseUrl(long accountId) {
        return db.select(UPSTREAM_ACCOUNTS.BASE_URL).from(UPSTREAM_ACCOUNTS).where(UPSTREAM_ACCOUNTS.ID.eq(accountId))
                .fetchOptional(UPSTREAM_ACCOUNTS.BASE_URL);
    }

    /** False when the account does not exist. */
    boolean updateEndpoint(long accountId, Optional<String> baseUrl, Optional<Long> proxyId) {
        return db.update(UPSTREAM_ACCOUNTS)
                .set(UPSTREAM_ACCOUNTS.BASE_URL, baseUrl.orElse(null))
                .set(UPSTREAM_ACCOUNTS.PROXY_ID, proxyId.orElse(null))
                .set(UPSTREAM_ACCOUNTS.UPDATED_AT, OffsetDateTime.now())
                .where(UPSTREAM_ACCOUNTS.ID.eq(accountId))
                .execute() == 1;
    }

    /** New credentials after a re-authorisation: the account is active again and its error is cleared. */
    void reactivate(long accountId, AccountCredentials credentials) {
        replaceCredentials(accountId, credentials);
        db.update(UPSTREAM_ACCOUNTS)
                .set(UPSTREAM_ACCOUNTS.STATUS, "active")
                .setNull(UPSTREAM_ACCOUNTS.ERROR_MESSAGE)
                .where(UPSTREAM_ACCOUNTS.ID.eq(accountId))
                .execute();
    }

    void replaceCredentials(long accountId, AccountCredentials credentials) {
        db.update(UPSTREAM_ACCOUNTS)
                .set(UPSTREAM_ACCOUNTS.CREDENTIALS, codec.encrypt(credentials))
                .set(UPSTREAM_ACCOUNTS.TOKEN_EXPIRES_AT, credentials instanceof AccountCredentials.OAuth o
                        && o.expiresAt() != null ? o.expiresAt().atOffset(ZoneOffset.UTC) : null)
                .set(UPSTREAM_ACCOUNTS.UPDATED_AT, OffsetDateTime.now())
                .where(UPSTREAM_ACCOUNTS.ID.eq(accountId))
                .execute();
    }
}
