package dev.relaypool.server.coordination;

import java.time.Duration;
import java.util.Optional;

/**
 * Counted slots per key (concurrency limits of a user, a key or an upstream account). A lease lives until it is
 * closed or its TTL passes without renewal, so a holder that dies frees its slot by itself.
 *
 * <p>{@code limit <= 0} means unlimited: acquiring always succeeds but the lease still counts in {@link #inUse}.
 */
public interface Leases {

    /** A slot at once, or empty when {@code limit} slots are already held. */
    Optional<Lease> tryAcquire(String key, int limit, Duration ttl);

    /**
     * A slot, waiting at most {@code maxWait} for one to free up. At most {@code maxWaiters} callers wait per key
     * (across the cluster); beyond that the answer is {@link LeaseResult.QueueFull} at once. Blocks the calling
     * (virtual) thread; an interrupt ends the wait as {@link LeaseResult.TimedOut} with the interrupt flag kept.
     */
    LeaseResult acquire(String key, int limit, Duration ttl, Duration maxWait, int maxWaiters);

    /** Live (unexpired) leases of {@code key}. */
    int inUse(String key);

    /** Callers currently waiting in {@link #acquire} for {@code key}. */
    int waiting(String key);
}
