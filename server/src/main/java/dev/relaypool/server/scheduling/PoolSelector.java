package dev.relaypool.server.scheduling;

import dev.relaypool.server.accounts.SchedulableAccounts;
import dev.relaypool.server.accounts.PooledAccount;
import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.coordination.Cooldown;
import dev.relaypool.server.coordination.Coordination;
import dev.relaypool.server.coordination.Leases;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the upstream account for each attempt. Candidates: the key's group's schedulable accounts of its platform
 * that serve the model (mapping and allow-list) and are not cooling down nor already tried by this request. A sticky
 * session binding wins when its account is a candidate with a free slot; a binding whose account is no longer a
 * candidate is dropped. Otherwise: lowest priority number, then lowest load (in use / limit, cluster-wide), then the
 * rate-limit window that reopens soonest, then least recently used (on this node). The chosen account's slot is a
 * lease renewed until the gateway releases it. When every candidate is full the request waits, bounded, for the
 * best one, then gets 429. When the shared store (Redis) cannot be reached, choosing refuses with a retryable 503
 * and no slot taken, and what is only a hint for later requests (a session binding, a cooldown) is logged and dropped.
 */
public final class PoolSelector implements AccountSelector {
    private static final Logger log = LoggerFactory.getLogger(PoolSelector.class);
    private static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(1);
    private static final Duration OUTAGE_RETRY_AFTER = Duration.ofSeconds(5);
    /** Server errors this close together count as "in a row" (see {@link CooldownPolicy#firstServerError()}). */
    private static final Duration SERVER_ERROR_STREAK = Duration.ofMinutes(5);

    public record Settings(Duration stickyTtl, Duration accountWait, int maxWaiters, CooldownPolicy cooldowns) {
        public static Settings from(RelaypoolConfig.Scheduling config) {
            return new Settings(config.stickyTtl(), config.accountWait(), config.maxWaiters(), CooldownPolicy.DEFAULTS);
        }
    }

    private final SchedulableAccounts accounts;
    private final Coordination coordination;
    private final LeaseRenewer renewer;
    private final RateLimitStates rateLimits;
    private final Settings settings;
    private final Clock clock;
    private final Map<Long, Long> lastUsedMillis = new ConcurrentHashMap<>();
    /** Per node: when each account last had a server error with no success since. */
    private final Map<Long, Instant> lastServerError = new ConcurrentHashMap<>();
    // kept apart: onSuccess runs at the response headers, before a stream can break
    private final Map<Long, Instant> lastStreamBreak = new ConcurrentHashMap<>();
    private final Consumer<UpstreamAccount> onAuthRejected;
    private final NearBindings bindings;

    public PoolSelector(SchedulableAccounts accounts, Coordination coordination, LeaseRenewer renewer, RateLimitStates rateLimits,
                        Settings settings, Clock clock) {
        this(accounts, coordination, renewer, rateLimits, settings, clock, account -> {});
    }

    /** {@code onAuthRejected}: told (after the cooldown is set) when the provider rejected an account's credential. */
    public PoolSelector(SchedulableAccounts accounts, Coordination coordination, LeaseRenewer renewer, RateLimitStates rateLimits,
                        Settings settings, Clock clock, Consumer<UpstreamAccount> onAuthRejected) {
        this.onAuthRejected = onAuthRejected;
        this.bindings = new NearBindings(coordination.stickyBindings(), settings.stickyTtl(), clock);
        this.accounts = accounts;
        this.coordination = coordination;
        this.renewer = renewer;
        this.rateLimits = rateLimits;
        this.settings = settings;
        this.clock = clock;
    }

    public static String leaseKey(long accountId) {
        return "account:" + accountId;
    }

    static String stickyKey(KeyContext key, String session) {
        return "sticky:" + key.groupId() + ":" + key.apiKeyId() + ":" + session;
    }

    @Override
    public Selection select(KeyContext key, String requestedModel, Optional<String> session, Set<Long> tried) {
        try {
            return choose(key, requestedModel, session, tried);
        } catch (RuntimeException e) {
            // no lease is held here: a lease acquired above is returned at once, in a Chosen
            log.warn("Accounts cannot be scheduled ({}); refusing a request of key {}", e.toString(), key.apiKeyId());
            return new Selection.NoneAvailable(GatewayError.SCHEDULING_UNAVAILABLE, OUTAGE_RETRY_AFTER);
        }
    }

    private Selection choose(KeyContext key, String requestedModel, Optional<String> session, Set<Long> tried) {
        Instant now = clock.instant();
        Candidates found = Candidates.find(accounts.schedulable(key.groupId()), key, requestedModel, tried,
                coordination.cooldowns(), now);
        // the bound account first, before any load is read: with Redis each load is a round trip
        Optional<Candidates.Match> sticky = session.flatMap(s -> bound(key, s, found.matches()));
        if (sticky.isPresent()) {
            Optional<Selection> chosen = tryLease(new Candidate(sticky.get().account(), sticky.get().upstreamModel(),
                    Instant.MAX));
            if (chosen.isPresent()) {
                return chosen.get();
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Candidates.Match match : found.matches()) {
            candidates.add(new Candidate(match.account(), match.upstreamModel(),
                    rateLimits.nextReset(match.account().id(), now).orElse(Instant.MAX)));
        }
        if (candidates.isEmpty()) {
            return none(found, tried, now);
        }
        // Priority, then load, then the soonest rate-limit reset, then the least recently used. The store orders by
        // priority and load as it reads the loads (with Redis, reading them and taking a slot is one round trip),
        // keeping the order given among equals: so the rest of the order is set here first.
        candidates.sort(Comparator.comparingInt((Candidate c) -> c.account.priority())
                .thenComparing(Candidate::nextReset)
                .thenComparingLong(c -> lastUsedMillis.getOrDefault(c.account.id(), 0L)));
        Leases.Pick pick = coordination.leases().tryAcquireLeastLoaded(candidates.stream()
                .map(c -> new Leases.Ranked(new Leases.Slot(leaseKey(c.account.id()), c.account.concurrencyLimit()),
                        c.account.priority()))
                .toList(), renewer.ttl());
        if (pick.lease().isPresent()) {
            return chosen(candidates.get(pick.index()), pick.lease().get());
        }
        Optional<Candidate> stickyCandidate = sticky.flatMap(match -> candidates.stream()
                .filter(c -> c.account.id() == match.account().id()).findFirst());
        return waitFor(stickyCandidate.orElse(candidates.get(pick.index())));
    }

    /** The candidate the session is bound to; a binding to an account that is no longer a candidate is dropped. */
    private Optional<Candidates.Match> bound(KeyContext key, String session, List<Candidates.Match> candidates) {
        String stickyKey = stickyKey(key, session);
        Optional<String> accountId = bindings.get(stickyKey);
        if (accountId.isEmpty()) {
            return Optional.empty();
        }
        Optional<Candidates.Match> candidate = candidates.stream()
                .filter(c -> Long.toString(c.account().id()).equals(accountId.get())).findFirst();
        if (candidate.isEmpty() && bindings.removeIfValue(stickyKey, accountId.get())) {
            log.debug("session binding to account {} dropped: no longer a candidate", accountId.get());
        }
        return candidate;
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
            case LeaseResult.QueueFull ignored -> new Selection.NoneAvailable(GatewayError.ACCOUNTS_BUSY, BUSY_RETRY_AFTER);
            case LeaseResult.TimedOut ignored -> new Selection.NoneAvailable(GatewayError.ACCOUNTS_BUSY, BUSY_RETRY_AFTER);
        };
    }

    private Selection chosen(Candidate candidate, Lease lease) {
        renewer.hold(lease);
        lastUsedMillis.put(candidate.account.id(), clock.millis());
        return new Selection.Chosen(candidate.account.upstream(), candidate.upstreamModel, () -> renewer.release(lease));
    }

    private static Selection none(Candidates found, Set<Long> tried, Instant now) {
        if (!found.anyServesModel() && tried.isEmpty()) {
            return new Selection.NoneAvailable(GatewayError.MODEL_NOT_AVAILABLE, Duration.ZERO);
        }
        if (found.soonestRecovery().isPresent()) {
            Cooldown soonest = found.soonestRecovery().get();
            Duration wait = Duration.between(now, soonest.until());
            // say what is really wrong: a rate limit is a 429, an account resting after an outage a 503
            boolean limited = soonest.reason().equals(name(FailureClass.RATE_LIMITED));
            return new Selection.NoneAvailable(limited ? GatewayError.UPSTREAM_RATE_LIMITED : GatewayError.NO_ACCOUNT_AVAILABLE,
                    wait.isNegative() ? Duration.ZERO : wait.plusMillis(999).truncatedTo(ChronoUnit.SECONDS));
        }
        return new Selection.NoneAvailable(GatewayError.NO_ACCOUNT_AVAILABLE, BUSY_RETRY_AFTER);
    }

    /** Binds the session to the account that just answered it, or refreshes the binding's TTL. */
    @Override
    public void onSuccess(KeyContext key, Optional<String> session, UpstreamAccount account) {
        lastUsedMillis.put(account.id(), clock.millis());
        lastServerError.remove(account.id());
        session.ifPresent(s -> {
            try {
                bindings.put(stickyKey(key, s), Long.toString(account.id()), settings.stickyTtl());
            } catch (RuntimeException e) { // the answer goes on; the session's next turn is chosen afresh
                log.warn("Session binding to account {} not stored: {}", account.id(), e.toString());
            }
        });
    }

    @Override
    public void onFailure(UpstreamAccount account, FailureClass failure, Optional<Duration> retryAfter) {
        boolean repeated = true;
        if (CooldownPolicy.escalates(failure)) {
            Instant now = clock.instant();
            Map<Long, Instant> streak = CooldownPolicy.afterFirstByte(failure) ? lastStreamBreak : lastServerError;
            Instant previous = streak.put(account.id(), now);
            repeated = previous != null && previous.plus(SERVER_ERROR_STREAK).isAfter(now);
        }
        settings.cooldowns().restFor(failure, retryAfter, repeated).ifPresent(rest -> {
            try {
                Cooldown cooldown = coordination.cooldowns().coolDown(account.id(), clock.instant().plus(rest), name(failure));
                log.info("account {} cooling down until {} ({})", account.id(), cooldown.until(), cooldown.reason());
            } catch (RuntimeException e) { // the request still fails over; the account is merely not rested
                log.warn("account {} not cooled down ({}): {}", account.id(), name(failure), e.toString());
            }
        });
        if (failure == FailureClass.AUTH_REJECTED) {
            onAuthRejected.accept(account); // e.g. an OAuth token revoked or expired early: refresh it now
        }
    }

    @Override
    public void onDelivered(UpstreamAccount account) {
        lastStreamBreak.remove(account.id());
    }

    @Override
    public void onUpstreamHeaders(UpstreamAccount account, Function<String, String> header) {
        rateLimits.observe(account.id(), header);
    }

    private static String name(FailureClass failure) {
        return failure.name().toLowerCase(Locale.ROOT);
    }

    private record Candidate(PooledAccount account, String upstreamModel, Instant nextReset) {}
}
