package dev.relaypool.server.accounts.oauth;

import dev.relaypool.server.accounts.AccountCredentials;
import dev.relaypool.server.accounts.Accounts;
import dev.relaypool.server.accounts.OAuthAccount;
import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.coordination.ClusterLocks;
import dev.relaypool.server.coordination.Cooldowns;
import dev.relaypool.server.gateway.UpstreamAccount;
import dev.relaypool.server.gateway.UpstreamCredential;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes one account's OAuth tokens, never twice at once anywhere in the cluster: the work runs under the
 * account's cluster lock and starts by re-reading the stored tokens, so a node that lost the race sees the new token
 * and stops. Rotated refresh tokens replace the old one; a refused grant puts the account in {@code error}.
 */
public final class TokenRefresher {
    private static final Logger log = LoggerFactory.getLogger(TokenRefresher.class);
    /** Longer than a token call can take (its timeout is 30 s), so the lock never frees itself mid-refresh. */
    static final Duration LOCK_LEASE = Duration.ofMinutes(2);

    /** Why a refresh is wanted: the token is near expiry, or the provider just rejected this access token. */
    public sealed interface Reason {
        record DueSoon() implements Reason {}

        record Rejected(String accessToken) implements Reason {
            @Override
            public String toString() {
                return "Rejected[****]";
            }
        }
    }

    private final RelaypoolConfig.OAuth config;
    private final Accounts accounts;
    private final TokenEndpoint tokens;
    private final ClusterLocks locks;
    private final Cooldowns cooldowns;
    private final Clock clock;

    TokenRefresher(RelaypoolConfig.OAuth config, Accounts accounts, TokenEndpoint tokens, ClusterLocks locks,
                   Cooldowns cooldowns, Clock clock) {
        this.config = config;
        this.accounts = accounts;
        this.tokens = tokens;
        this.locks = locks;
        this.cooldowns = cooldowns;
        this.clock = clock;
    }

    public RefreshOutcome refresh(long accountId, Reason reason) {
        Optional<ClusterLocks.ClusterLock> lock = locks.tryLock("oauth-refresh:" + accountId, LOCK_LEASE);
        if (lock.isEmpty()) {
            return new RefreshOutcome.Skipped(accountId, "another node is refreshing this account");
        }
        try (ClusterLocks.ClusterLock held = lock.get()) {
            Optional<OAuthAccount> stored = accounts.oauthAccount(accountId);
            if (stored.isEmpty()) {
                return new RefreshOutcome.Skipped(accountId, "not an active OAuth account");
            }
            AccountCredentials.OAuth current = stored.get().tokens();
            Optional<String> alreadyDone = switch (reason) {
                case Reason.DueSoon ignored -> current.expiresAt() == null
                        || current.expiresAt().isAfter(clock.instant().plus(config.refreshMargin()))
                        ? Optional.of("the stored token is not due (refreshed elsewhere)") : Optional.empty();
                case Reason.Rejected rejected -> rejected.accessToken().equals(current.accessToken())
                        ? Optional.empty() : Optional.of("the stored token is newer than the rejected one");
            };
            if (alreadyDone.isPresent()) {
                return new RefreshOutcome.Skipped(accountId, alreadyDone.get());
            }
            return refreshNow(stored.get(), reason);
        }
    }

    private RefreshOutcome refreshNow(OAuthAccount account, Reason reason) {
        long id = account.id();
        if (account.tokens().refreshToken() == null) {
            return fail(account, "no_refresh_token", "the access token cannot be renewed without a refresh token");
        }
        TokenResponse response = tokens.refresh(account.platform(), config.client(account.platform()),
                account.tokens().refreshToken(), account.proxy());
        return switch (response) {
            case TokenResponse.Issued issued -> {
                Instant expiresAt = issued.expiresIn().map(clock.instant()::plus).orElse(null);
                accounts.replaceCredentials(id, new AccountCredentials.OAuth(issued.accessToken(),
                        issued.refreshToken().orElse(account.tokens().refreshToken()), expiresAt));
                if (reason instanceof Reason.Rejected) {
                    cooldowns.clear(id); // it rested only because of the stale token
                }
                log.info("OAuth account {} refreshed ({}); new token expires {}", id,
                        reason instanceof Reason.Rejected ? "after a 401" : "before expiry", expiresAt);
                yield new RefreshOutcome.Refreshed(id, expiresAt);
            }
            case TokenResponse.Rejected rejected -> fail(account, rejected.error(), rejected.description());
            case TokenResponse.Unavailable unavailable -> {
                log.warn("OAuth account {}: token refresh failed, will retry: {}", id, unavailable.reason());
                yield new RefreshOutcome.Failed(id, unavailable.reason(), false);
            }
        };
    }

    private RefreshOutcome fail(OAuthAccount account, String error, String description) {
        String message = "OAuth token refresh refused: " + error + (description.isBlank() ? "" : " (" + description + ")")
                + "; re-authorise the account";
        accounts.markError(account.id(), message);
        log.warn("OAuth account {} ({}) is now in error: {}", account.id(), account.name(), message);
        return new RefreshOutcome.Failed(account.id(), message, true);
    }

    /** The gateway's 401/403 for an account: when it holds an OAuth token, refresh it in the background. */
    public void onAuthRejected(UpstreamAccount account) {
        if (account.credential() instanceof UpstreamCredential.OAuthBearer(String accessToken)) {
            Thread.ofVirtual().name("oauth-refresh-" + account.id()).start(() -> {
                try {
                    refresh(account.id(), new Reason.Rejected(accessToken));
                } catch (RuntimeException e) {
                    log.warn("OAuth account {}: refresh after a rejection failed: {}", account.id(), e.toString());
                }
            });
        }
    }
}
