package dev.relaypool.server.coordination;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Several leases held as one ({@link Leases#tryAcquireAll} in memory): renewing renews each, closing closes each.
 * Where the store can do it in one step (Redis), the store returns its own lease instead.
 */
public final class LeaseGroup implements Lease {
    private final List<Lease> leases;

    public LeaseGroup(List<Lease> leases) {
        this.leases = List.copyOf(leases);
    }

    /** The keys of the slots held, joined by {@code +}. */
    @Override
    public String key() {
        return leases.stream().map(Lease::key).collect(Collectors.joining("+"));
    }

    /** True only when every slot was still held. */
    @Override
    public boolean renew(java.time.Duration ttl) {
        boolean all = true;
        for (Lease lease : leases) {
            all &= lease.renew(ttl);
        }
        return all;
    }

    @Override
    public void close() {
        leases.forEach(Lease::close);
    }

    @Override
    public String toString() {
        return "Lease" + leases;
    }
}
