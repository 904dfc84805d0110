package dev.relaypool.server.limits;

import dev.relaypool.server.coordination.Lease;
import dev.relaypool.server.coordination.LeaseResult;
import dev.relaypool.server.coordination.Leases;
import dev.relaypool.server.gateway.Releasable;
import dev.relaypool.server.keys.ActiveKey;
import dev.relaypool.server.limits.AdmissionResult.Reason;
import dev.relaypool.server.scheduling.LeaseRenewer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Concurrent requests per user and per key: a lease per running request, taken user first then key, waiting at
 * most {@code maxWait} in a queue of at most {@code maxWaiters} per key. Leases are renewed while the request runs
 * ({@link LeaseRenewer}), so a long stream keeps its slot and a crashed node's slots free themselves.
 */
final class ConcurrencyGate {
    private final Leases leases;
    private final LeaseRenewer renewer;
    private final Duration maxWait;
    private final int maxWaiters;

    ConcurrencyGate(Leases leases, LeaseRenewer renewer, Duration maxWait, int maxWaiters) {
        this.leases = leases;
        this.renewer = renewer;
        this.maxWait = maxWait;
        this.maxWaiters = maxWaiters;
    }

    AdmissionResult enter(ActiveKey key) {
        Optional<Lease> user = Optional.empty();
        try {
            AdmissionResult.Refused refused = null;
            LeaseResult userResult = acquire("limits:conc:user:" + key.userId(), key.userConcurrencyLimit());
            if (userResult instanceof LeaseResult.Acquired(Lease lease)) {
                user = Optional.of(lease);
            } else if (userResult != null) {
                return refusal(userResult, "your account", key.userConcurrencyLimit());
            }
            LeaseResult keyResult = acquire("limits:conc:key:" + key.keyId(), key.keyConcurrencyLimit());
            if (keyResult != null && !(keyResult instanceof LeaseResult.Acquired)) {
                user.ifPresent(renewer::release);
                return refusal(keyResult, "this API key", key.keyConcurrencyLimit());
            }
            Optional<Lease> keyLease = keyResult instanceof LeaseResult.Acquired(Lease lease)
                    ? Optional.of(lease) : Optional.empty();
            return new AdmissionResult.Admitted(releaseOnce(user, keyLease));
        } catch (RuntimeException e) {
            user.ifPresent(renewer::release);
            throw e;
        }
    }

    /** Null when there is no limit (no lease is taken at all). */
    private LeaseResult acquire(String leaseKey, Integer limit) {
        if (limit == null || limit <= 0) {
            return null;
        }
        LeaseResult result = leases.acquire(leaseKey, limit, renewer.ttl(), maxWait, maxWaiters);
        if (result instanceof LeaseResult.Acquired(Lease lease)) {
            renewer.hold(lease);
        }
        return result;
    }

    private Releasable releaseOnce(Optional<Lease> user, Optional<Lease> key) {
        if (user.isEmpty() && key.isEmpty()) {
            return Releasable.NONE;
        }
        List<Lease> held = java.util.stream.Stream.of(key, user).flatMap(Optional::stream).toList();
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                held.forEach(renewer::release);
            }
        };
    }

    private AdmissionResult refusal(LeaseResult result, String whose, int limit) {
        String why = switch (result) {
            case LeaseResult.QueueFull() -> "and " + maxWaiters + " more are already waiting";
            case LeaseResult.TimedOut() -> "and none finished within " + Wording.span(maxWait);
            case LeaseResult.Acquired a -> throw new IllegalStateException("not a refusal");
        };
        return new AdmissionResult.Refused(Reason.CONCURRENCY_LIMIT, "The concurrency limit of " + whose + " ("
                + limit + " requests at a time) is reached " + why + "; retry when one of them finishes.",
                Optional.of(Duration.ofSeconds(1)));
    }
}
