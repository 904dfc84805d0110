package dev.relaypool.server.limits;

import dev.relaypool.server.coordination.Lease;
import dev.relaypool.server.coordination.LeaseResult;
import dev.relaypool.server.coordination.Leases;
import dev.relaypool.server.gateway.Releasable;
import dev.relaypool.server.keys.ActiveKey;
import dev.relaypool.server.limits.AdmissionResult.Reason;
import dev.relaypool.server.scheduling.LeaseRenewer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Concurrent requests per user and per key: a lease per running request, taken user first then key, waiting at
 * most {@code maxWait} in a queue of at most {@code maxWaiters} per key. Leases are renewed while the request runs
 * ({@link LeaseRenewer}), so a long stream keeps its slot and a crashed node's slots free themselves. When every
 * slot is free (the usual case) they are taken, renewed and released together, one coordination step each.
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
        List<Leases.Slot> wanted = new ArrayList<>(2);
        if (limited(key.userConcurrencyLimit())) {
            wanted.add(new Leases.Slot(userKey(key), key.userConcurrencyLimit()));
        }
        if (limited(key.keyConcurrencyLimit())) {
            wanted.add(new Leases.Slot(keyKey(key), key.keyConcurrencyLimit()));
        }
        if (wanted.isEmpty()) {
            return new AdmissionResult.Admitted(Releasable.NONE);
        }
        // the usual case, every slot free: all of them in one step (one Redis round trip), released in one too
        Optional<Lease> all = leases.tryAcquireAll(wanted, renewer.ttl());
        if (all.isPresent()) {
            renewer.hold(all.get());
            return new AdmissionResult.Admitted(releaseOnce(List.of(all.get())));
        }
        return queued(key);
    }

    /** A slot is taken: one at a time, user first then key, each waiting in its bounded queue. */
    private AdmissionResult queued(ActiveKey key) {
        Optional<Lease> user = Optional.empty();
        try {
            LeaseResult userResult = acquire(userKey(key), key.userConcurrencyLimit());
            if (userResult instanceof LeaseResult.Acquired(Lease lease)) {
                user = Optional.of(lease);
            } else if (userResult != null) {
                return refusal(userResult, "your account", key.userConcurrencyLimit());
            }
            LeaseResult keyResult = acquire(keyKey(key), key.keyConcurrencyLimit());
            if (keyResult != null && !(keyResult instanceof LeaseResult.Acquired)) {
                user.ifPresent(renewer::release);
                return refusal(keyResult, "this API key", key.keyConcurrencyLimit());
            }
            Optional<Lease> keyLease = keyResult instanceof LeaseResult.Acquired(Lease lease)
                    ? Optional.of(lease) : Optional.empty();
            return new AdmissionResult.Admitted(releaseOnce(Stream.of(keyLease, user).flatMap(Optional::stream).toList()));
        } catch (RuntimeException e) {
            user.ifPresent(renewer::release);
            throw e;
        }
    }

    private static boolean limited(Integer limit) {
        return limit != null && limit > 0;
    }

    private static String userKey(ActiveKey key) {
        return "limits:conc:user:" + key.userId();
    }

    private static String keyKey(ActiveKey key) {
        return "limits:conc:key:" + key.keyId();
    }

    /** Null when there is no limit (no lease is taken at all). */
    private LeaseResult acquire(String leaseKey, Integer limit) {
        if (!limited(limit)) {
            return null;
        }
        LeaseResult result = leases.acquire(leaseKey, limit, renewer.ttl(), maxWait, maxWaiters);
        if (result instanceof LeaseResult.Acquired(Lease lease)) {
            renewer.hold(lease);
        }
        return result;
    }

    private Releasable releaseOnce(List<Lease> held) {
        if (held.isEmpty()) {
            return Releasable.NONE;
        }
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
