package dev.relaypool.server.auth;

import static dev.relaypool.server.storage.schema.Tables.REFRESH_TOKENS;
import static dev.relaypool.server.storage.schema.Tables.USERS;

import dev.relaypool.model.auth.TokenResponse;
import dev.relaypool.server.api.ErrorCode;
import dev.relaypool.server.api.Role;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.storage.schema.tables.records.RefreshTokensRecord;
import dev.relaypool.server.storage.schema.tables.records.UsersRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in sessions. A session is a family of refresh tokens: each refresh rotates the token (the old one is
 * marked rotated, a new one joins the family); presenting a rotated token again means it was copied, so the whole
 * family is revoked. Only SHA-256 hashes of refresh tokens are stored.
 */
public final class Sessions {
    private static final Logger log = LoggerFactory.getLogger(Sessions.class);
    public static final Duration REFRESH_LIFETIME = Duration.ofDays(30);

    private final Database database;
    private final AccessTokens accessTokens;
    private final TokensValidAfter validAfter;
    private final Clock clock;
    private final SecureRandom random;

    public Sessions(Database database, AccessTokens accessTokens, TokensValidAfter validAfter, Clock clock, SecureRandom random) {
        this.database = database;
        this.accessTokens = accessTokens;
        this.validAfter = validAfter;
        this.clock = clock;
        this.random = random;
    }

    /** Opens a new session (a new family) for {@code user}, inside the caller's transaction. */
    TokenResponse start(DSLContext tx, UsersRecord user, String ip, String userAgent) {
        return issue(tx, user, UUID.randomUUID(), ip, userAgent);
    }

    public AuthOutcome<TokenResponse> refresh(String refreshToken, String ip, String userAgent) {
        byte[] hash = sha256(refreshToken);
        return database.transactionResult(tx -> {
            RefreshTokensRecord row = tx.selectFrom(REFRESH_TOKENS).where(REFRESH_TOKENS.TOKEN_HASH.eq(hash))
                    .forUpdate().fetchOne();
            Instant now = clock.instant();
            if (row == null || row.getRevokedAt() != null || !row.getExpiresAt().toInstant().isAfter(now)) {
                return AuthOutcome.refused(ErrorCode.INVALID_REFRESH_TOKEN, "the session has ended; sign in again");
            }
            if (row.getRotatedAt() != null) {
                revokeFamily(tx, row.getFamily());
                log.warn("Refresh token reused for user {} (session {}): the session is revoked", row.getUserId(), row.getFamily());
                return AuthOutcome.refused(ErrorCode.INVALID_REFRESH_TOKEN,
                        "this refresh token was already used; the session is ended for safety; sign in again");
            }
            Optional<UsersRecord> user = new UserAccounts(tx).byId(row.getUserId());
            if (user.isEmpty() || !UserAccounts.ACTIVE.equals(user.get().getStatus())) {
                revokeFamily(tx, row.getFamily());
                return AuthOutcome.refused(ErrorCode.INVALID_REFRESH_TOKEN, "the session has ended; sign in again");
            }
            row.setRotatedAt(UserAccounts.at(now));
            row.store();
            return AuthOutcome.ok(issue(tx, user.get(), row.getFamily(), ip, userAgent));
        });
    }

    /** Ends the session the refresh token belongs to (or the given one); unknown tokens are ignored. */
    public void logout(String refreshToken, Optional<UUID> session) {
        database.transaction(tx -> {
            Optional<UUID> family = refreshToken == null ? session
                    : tx.select(REFRESH_TOKENS.FAMILY).from(REFRESH_TOKENS)
                            .where(REFRESH_TOKENS.TOKEN_HASH.eq(sha256(refreshToken))).fetchOptional(REFRESH_TOKENS.FAMILY);
            family.ifPresent(f -> revokeFamily(tx, f));
        });
    }

    /** Ends every session of the user and refuses every access token issued until now. */
    public void logoutAll(long userId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // access tokens carry milliseconds
        database.transaction(tx -> signOutEverywhere(tx, userId, now));
        validAfter.changed(userId, now);
    }

    /** Revokes all of the user's sessions inside the caller's transaction; call {@link #changed} after commit. */
    void signOutEverywhere(DSLContext tx, long userId, Instant now) {
        tx.update(USERS).set(USERS.TOKENS_VALID_AFTER, UserAccounts.at(now)).where(USERS.ID.eq(userId)).execute();
        tx.update(REFRESH_TOKENS).set(REFRESH_TOKENS.REVOKED_AT, UserAccounts.at(now))
                .where(REFRESH_TOKENS.USER_ID.eq(userId)).and(REFRESH_TOKENS.REVOKED_AT.isNull()).execute();
    }

    void changed(long userId, Instant validAfterInstant) {
        validAfter.changed(userId, validAfterInstant);
    }

    private void revokeFamily(DSLContext tx, UUID family) {
        tx.update(REFRESH_TOKENS).set(REFRESH_TOKENS.REVOKED_AT, UserAccounts.at(clock.instant()))
                .where(REFRESH_TOKENS.FAMILY.eq(family)).and(REFRESH_TOKENS.REVOKED_AT.isNull()).execute();
    }

    private TokenResponse issue(DSLContext tx, UsersRecord user, UUID family, String ip, String userAgent) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String refreshToken = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant refreshExpires = clock.instant().plus(REFRESH_LIFETIME);
        tx.insertInto(REFRESH_TOKENS)
                .set(REFRESH_TOKENS.USER_ID, user.getId())
                .set(REFRESH_TOKENS.TOKEN_HASH, sha256(refreshToken))
                .set(REFRESH_TOKENS.FAMILY, family)
                .set(REFRESH_TOKENS.EXPIRES_AT, UserAccounts.at(refreshExpires))
                .set(REFRESH_TOKENS.IP, ip)
                .set(REFRESH_TOKENS.USER_AGENT, userAgent.length() > 300 ? userAgent.substring(0, 300) : userAgent)
                .execute();
        AccessTokens.Issued access = accessTokens.issue(user.getId(), Role.fromWire(user.getRole()).orElseThrow(), family);
        return new TokenResponse(access.token(), access.claims().expiresAt(), refreshToken, refreshExpires,
                UserAccounts.view(user));
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
