package dev.relaypool.server.accounts.oauth;

import dev.relaypool.server.accounts.Accounts;
import dev.relaypool.server.accounts.CredentialCodec;
import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.coordination.Coordination;
import dev.relaypool.server.gateway.upstream.UpstreamTrust;
import dev.relaypool.server.net.UpstreamAddressPolicy;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Front door of OAuth accounts, built once per node: sign-in flows and token import ({@link #flows()}), refresh on
 * demand ({@link #refresher()}, also fed by the scheduler's 401 hook) and the cluster-wide refresh job. Close it on
 * shutdown.
 */
public final class OAuthAccounts implements AutoCloseable {
    private static final Duration TOKEN_CALL_TIMEOUT = Duration.ofSeconds(30);

    private final TokenEndpoint tokens;
    private final OAuthFlows flows;
    private final TokenRefresher refresher;
    private final RefreshJob job;

    private OAuthAccounts(TokenEndpoint tokens, OAuthFlows flows, TokenRefresher refresher, RefreshJob job) {
        this.tokens = tokens;
        this.flows = flows;
        this.refresher = refresher;
        this.job = job;
    }

    /**
     * Wires the parts; the refresh job runs only when {@code startJob} (tests drive it by hand); token calls trust
     * the operator's extra CAs ({@code gateway.upstream-ca-file}) too.
     */
    public static OAuthAccounts create(RelaypoolConfig.OAuth config, Accounts accounts, CredentialCodec codec,
                                       Coordination coordination, UpstreamAddressPolicy addresses, Clock clock,
                                       boolean startJob, Optional<UpstreamTrust> trust) {
        TokenEndpoint tokens = new TokenEndpoint(TOKEN_CALL_TIMEOUT, trust);
        OAuthFlows flows = new OAuthFlows(config, accounts, new PendingFlows(coordination.stickyBindings(), codec),
                tokens, addresses, new SecureRandom(), clock);
        TokenRefresher refresher = new TokenRefresher(config, accounts, tokens, coordination.locks(),
                coordination.cooldowns(), clock);
        RefreshJob job = new RefreshJob(accounts, refresher, coordination.locks(), config.refreshMargin(),
                config.refreshInterval(), clock);
        if (startJob) {
            job.start();
        }
        return new OAuthAccounts(tokens, flows, refresher, job);
    }

    public OAuthFlows flows() {
        return flows;
    }

    public TokenRefresher refresher() {
        return refresher;
    }

    public RefreshJob job() {
        return job;
    }

    @Override
    public void close() {
        job.close();
        tokens.close();
    }
}
