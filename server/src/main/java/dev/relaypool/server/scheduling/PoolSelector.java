package dev.relaypool.server.scheduling;

import dev.relaypool.server.accounts.Accounts;
import dev.relaypool.server.accounts.PooledAccount;
import dev.relaypool.server.coordination.Cooldown;
import dev.relaypool.server.coordination.Coordination;
import dev.relaypool.server.coordination.Lease;
import dev.relaypool.server.coordination.LeaseResult;
import dev.relaypool.server.gateway.AccountSelector;
import dev.relaypool.server.gateway.FailureClass;
import dev.relaypool.server.gateway.GatewayError;
import dev.relaypool.server.gateway.KeyContext;
import dev.relaypool.server.gateway.Selection;
import dev.relaypool.server.gateway.UpstreamAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the upstream account for each attempt: the candidates are the key's group's schedulable accounts that serve
 * the model and are not cooling down; a sticky session binding wins when its account is a candidate with a free slot;
 * otherwise lowest priority number, then lowest load (in use / limit), then least recently used. The chosen account's
 * concurrency slot is a lease held (and renewed) until the gateway releases it. When every candidate is full the
 * request waits, bounded, for the best one.
 */
public final class PoolSelector implements AccountSelector {
    private static final Logger log = LoggerFactory.getLogger(PoolSelector.class);

    public record Settings(Duration stickyTtl, Duration accountWait, int maxWaiters, CooldownPolicy cooldowns) {}

    private final Accounts accounts;
    private final Coordination coordination;
    private final LeaseRenewer renewer;
    private final Settings settings;
    private final Clock clock;
    private final Map<Long, Long> lastUsedMillis = new ConcurrentHashMap<>();
    private final Consumer<UpstreamAccount> onAuthRejected;

    public PoolSelector(Accounts accounts, Coordination coordination, LeaseRenewer renewer, Settings settings, Clock clock) {
        this(accounts, coordination, renewer, settings, clock, account -> {});
    }

    /** {@code onAuthRejected}: told (after the cooldown is set) when the provider rejected an account's credential. */
    public PoolSelector(Accounts accounts, Coordination coordination, LeaseRenewer renewer, Settings settings, Clock clock,
                        Consumer<UpstreamAccount> onAuthRejected) {
        this.onAuthRejected = onAuthRejected;
        this.accounts = accounts;
        this.coordination = coordination;
        this.renewer = renewer;
        this.settings = settings;
        this.clock = clock;
    }

    static String leaseKey(long accountId) {
        return "account:" + accountId;
    }

    static String stickyKey(KeyContext key, String session) {
        return "sticky:" + key.groupId() + ":" + key.apiKeyId() + ":" + session;
    }

    @Override
    public Selection select(KeyContext key, String requestedModel, Optional<String> sessionHint, Set<Long> tried) {
        List<Candidate> candidates = new ArrayList<>();
        Instant now = clock.instant();
        Instant soonestRecovery = null;
        boolean anyServesModel = false;
        for (PooledAccount account : accounts.schedulable(key.groupId())) {
            if (account.upstream().platform() != key.platform() || tried.contains(account.id())) {
                continue;
            }
            Optional<String> upstreamModel = account.modelMapping().upstreamModel(requestedModel);
            if (upstreamModel.isEmpty()) {
                continue;
            }
            anyServesModel = true;
            Optional<Cooldown> cooling = coordination.cooldowns().get(account.id());
            if (cooling.isPresent() && cooling.get().until().isAfter(now)) {
                Instant until = cooling.get().until();
                soonestRecovery = soonestRecovery == null || until.isBefore(soonestRecovery) ? until : soonestRecovery;
                continue;
            }
            candidates.add(new Candidate(account, upstreamModel.get(),
                    coordination.leases().inUse(leaseKey(account.id()))));
        }
        if (candidates.isEmpty()) {
            return none(anyServesModel, tried, soonestRecovery, now);
        }
        Optional<Candidate> sticky = sessionHint.flatMap(session -> bound(key, session, candidates));
        if (sticky.isPresent()) {
            Optional<Selection> chosen = tryLease(sticky.get());
            if (chosen.isPresent()) {
                coordination.stickyBindings().touch(stickyKey(key, sessionHint.get()), settings.stickyTtl());
                return chosen.get();
            }
        }
        candidates.sort(Comparator.comparingInt((Candidate c) -> c.account.priority())
                .thenComparingDouble(Candidate::load)
                .thenComparingLong(c -> lastUsedMillis.getOrDefault(c.account.id(), 0L)));
        for (Candidate candidate : candidates) {
            Optional<Selection> chosen = tryLease(candidate);
            if (chosen.isPresent()) {
                return chosen.get();
            }
        }
        return waitFor(sticky.orElse(candidates.getFirst()));
    }

    private Optional<Candidate> bound(KeyContext key, String session, List<Candidate> candidates) {
        Optional<String> accountId = coordination.stickyBindings().get(stickyKey(key, session));
        return accountId.flatMap(id -> candidates.stream()
                .filter(c -> Long.toString(c.account.id()).equals(id)).findFirst());
    }

    private Optional<Selection> tryLease(Candidate candidate) {
        return coordination.leases()
                .tryAcquire(leaseKey(candidate.account.id()), candidate.account.concurrencyLimit(), renewer.ttl())
                .map(lease -> chosen(candidate, lease));
    }

    private Selection waitFor(Candidate candidate) {
        LeaseResult result = coordination.leases().acquire(leaseKey(candidate.account.id()),
                candidate.account.concurrencyLimit(), renewer.ttl(), settings.accountWait(), settings.maxWaiters());
        return switch (result) {
            case LeaseResult.Acquired(Lease lease) -> chosen(candidate, lease);
            case LeaseResult.QueueFull ignored -> new Selection.NoneAvailable(GatewayError.NO_ACCOUNT_AVAILABLE, Duration.ofSeconds(1));
            case LeaseResult.TimedOut ignored -> new Selection.NoneAvailable(GatewayError.NO_ACCOUNT_AVAILABLE, Duration.ofSeconds(1));
        };
    }

    private Selection chosen(Candidate candidate, Lease lease) {
        renewer.hold(lease);
        lastUsedMillis.put(candidate.account.id(), clock.millis());
        return new Selection.Chosen(candidate.account.upstream(), candidate.upstreamModel, () -> renewer.release(lease));
    }

    private Selection none(boolean anyServesModel, Set<Long> tried, Instant soonestRecovery, Instant now) {
        if (!anyServesModel && tried.isEmpty()) {
            return new Selection.NoneAvailable(GatewayError.MODEL_NOT_AVAILABLE, Duration.ZERO);
        }
        if (soonestRecovery != null) {
            Duration wait = Duration.between(now, soonestRecovery);
            return new Selection.NoneAvailable(GatewayError.UPSTREAM_RATE_LIMITED,
                    wait.isNegative() ? Duration.ZERO : wait.plusMillis(999).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        }
        return new Selection.NoneAvailable(GatewayError.NO_ACCOUNT_AVAILABLE, Duration.ofSeconds(1));
    }

    /** Binds the session to the account that just answered it, or refreshes the binding (called after success). */
    public void bindSession(KeyContext key, String session, long accountId) {
        coordination.stickyBindings().put(stickyKey(key, session), Long.toString(accountId), settings.stickyTtl());
    }

    /** Drops the session's binding when it points at an account that failed. */
    public void unbindSession(KeyContext key, String session, long accountId) {
        coordination.stickyBindings().removeIfValue(stickyKey(key, session), Long.toString(accountId));
    }

    @Override
    public void onSuccess(UpstreamAccount account) {
        lastUsedMillis.put(account.id(), clock.millis());
    }

    @Override
    public void onFailure(UpstreamAccount account, FailureClass failure, Optional<Duration> retryAfter) {
        settings.cooldowns().restFor(failure, retryAfter).ifPresent(rest -> {
            Cooldown cooldown = coordination.cooldowns().coolDown(account.id(), clock.instant().plus(rest),
                    failure.name().toLowerCase(java.util.Locale.ROOT));
            log.info("account {} cooling down until {} ({})", account.id(), cooldown.until(), cooldown.reason());
        });
        if (failure == FailureClass.AUTH_REJECTED) {
            onAuthRejected.accept(account); // e.g. an OAuth token revoked or expired early: refresh it now
        }
    }

    private record Candidate(PooledAccount account, String upstreamModel, int inUse) {
        double load() {
            return (double) inUse / Math.max(1, account.concurrencyLimit());
        }
    }
}
