package dev.relaypool.server.coordination;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
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

    /** One slot of {@link #tryAcquireAll}: a key and its limit. */
    record Slot(String key, int limit) {
        public Slot {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * A slot of every key at once, or none (empty) when any of them is full, as one step (with Redis, one round
     * trip). The one lease returned holds them all: renewing or closing it renews or releases every slot, again in
     * one step. The keys must be distinct.
     */
    Optional<Lease> tryAcquireAll(List<Slot> slots, Duration ttl);

    /** Live (unexpired) leases of {@code key}. */
    int inUse(String key);

    /** {@link #inUse(String)} of each key, in order, as one step (with Redis, one round trip). */
    default int[] inUse(List<String> keys) {
        return keys.stream().mapToInt(this::inUse).toArray();
    }

    /** Callers currently waiting in {@link #acquire} for {@code key}. */
    int waiting(String key);
}
