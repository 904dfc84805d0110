package dev.relaypool.server.scheduling;

import dev.relaypool.server.coordination.Lease;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps held leases alive for as long as their streams last: every third of the TTL each registered lease is renewed.
 * A holder that dies (process killed) stops renewing, so its slots free themselves when the TTL passes.
 */
public final class LeaseRenewer implements AutoCloseable {
    private final Duration ttl;
    private final Set<Lease> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("lease-renewer").factory());

    public LeaseRenewer(Duration ttl) {
        this.ttl = ttl;
        long period = Math.max(50, ttl.toMillis() / 3);
        timer.scheduleAtFixedRate(this::renewAll, period, period, TimeUnit.MILLISECONDS);
    }

    public Duration ttl() {
        return ttl;
    }

    /** Renews {@code lease} until {@link #release} is called for it. */
    public void hold(Lease lease) {
        held.add(lease);
    }

    /** Stops renewing and releases; idempotent. */
    public void release(Lease lease) {
        held.remove(lease);
        lease.close();
    }

    public int held() {
        return held.size();
    }

    private void renewAll() {
        for (Lease lease : held) {
            try {
                lease.renew(ttl);
            } catch (RuntimeException e) {
                // the store is unreachable: the lease may lapse; the next round tries again
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
