package dev.relaypool.server.scheduling;

import dev.relaypool.server.accounts.Accounts;
import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.coordination.Cooldown;
import dev.relaypool.server.coordination.Coordination;
import dev.relaypool.server.gateway.upstream.UpstreamCaller;
import dev.relaypool.server.gateway.upstream.UpstreamClients;
import dev.relaypool.server.gateway.upstream.UpstreamTrust;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Front door of scheduling: builds the account selector the gateway uses, with its lease renewer, the accounts'
 * rate-limit windows and the prober of cooled accounts, and offers what the admin side needs (cooldowns, clearing
 * one, rate-limit windows). Close it on shutdown: it stops the timers and saves the windows not yet saved.
 */
public final class Scheduling implements AutoCloseable {
    /** How often observed rate-limit windows are written to the database, at most. */
    static final Duration RATE_LIMIT_FLUSH = Duration.ofSeconds(5);

    private final Coordination coordination;
    private final LeaseRenewer renewer;
    private final RateLimitStates rateLimits;
    private final PoolSelector selector;
    private final UpstreamClients probeClients;
    private final UpstreamCaller probeCaller;
    private final CooldownProber prober;

    /**
     * {@code onAuthRejected}: told when a provider rejected an account's credential (OAuth: refresh it now);
     * {@code trust}: the operator's extra CAs for the probes' upstream calls.
     */
    public Scheduling(RelaypoolConfig config, Accounts accounts, Coordination coordination, Clock clock,
                      java.util.function.Consumer<dev.relaypool.server.gateway.UpstreamAccount> onAuthRejected,
                      Optional<UpstreamTrust> trust) {
        this.coordination = coordination;
        this.renewer = new LeaseRenewer(config.scheduling().leaseTtl());
        this.rateLimits = new RateLimitStates(new RateLimitStates.Store() {
            @Override
            public Map<Long, String> load() { return accounts.rateLimitStates(); }

            @Override
            public void save(Map<Long, String> states) { accounts.saveRateLimitStates(states); }
        }, coordination.broadcasts(), clock, RATE_LIMIT_FLUSH);
        this.selector = new PoolSelector(accounts, coordination, renewer, rateLimits,
                PoolSelector.Settings.from(config.scheduling()), clock, onAuthRejected);
        this.probeClients = new UpstreamClients(config.gateway(),
                dev.relaypool.server.net.UpstreamAddressPolicy.fromConfig(config.security()), trust);
        this.probeCaller = new UpstreamCaller(probeClients, config.gateway(), clock);
        this.prober = new CooldownProber(accounts, coordination, probeCaller, selector,
                config.scheduling().probeInterval(), clock);
    }

    public PoolSelector selector() {
        return selector;
    }

    public LeaseRenewer renewer() {
        return renewer;
    }

    /** Accounts resting now, by id. */
    public Map<Long, Cooldown> cooldowns() {
        return coordination.cooldowns().active();
    }

    /** An operator puts the account back into rotation at once, on every node. */
    public void clearCooldown(long accountId) {
        coordination.cooldowns().clear(accountId);
    }

    /** Each account's last reported Anthropic unified windows (5h/7d status, reset, utilisation). */
    public Map<Long, RateLimitWindows> rateLimits() {
        return rateLimits.all();
    }

    /** Probes the cooled accounts now (one node of the cluster at a time); the ids that came back. */
    public List<Long> probeNow() {
        return prober.probeOnce();
    }

    @Override
    public void close() {
        prober.close();
        probeCaller.close();
        probeClients.close();
        rateLimits.close();
        renewer.close();
    }
}
