package dev.relaypool.server.coordination;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

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

    /** A candidate of {@link #tryAcquireLeastLoaded}: a slot, and its tier (lower tiers are tried first). */
    record Ranked(Slot slot, int tier) {
        public Ranked {
            Objects.requireNonNull(slot, "slot");
        }
    }

    /**
     * What {@link #tryAcquireLeastLoaded} did: the lease and the index of the candidate it holds a slot of; or, when
     * every candidate was full, no lease and the index of the candidate that came first.
     */
    record Pick(Optional<Lease> lease, int index) {
        public Pick {
            Objects.requireNonNull(lease, "lease");
        }
    }

    /**
     * A slot of the first candidate with room, the candidates taken by tier, then by load (live leases divided by
     * the limit, or by 1 when unlimited), then in the order given. With Redis this is one step (one round trip) in
     * place of reading every load and then acquiring. {@code candidates} must not be empty; keys distinct.
     */
    default Pick tryAcquireLeastLoaded(List<Ranked> candidates, Duration ttl) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidates");
        }
        int[] inUse = inUse(candidates.stream().map(c -> c.slot().key()).toList());
        List<Integer> order = IntStream.range(0, candidates.size()).boxed()
                .sorted(Comparator.<Integer>comparingInt(i -> candidates.get(i).tier())
                        .thenComparingDouble(i -> (double) inUse[i] / Math.max(1, candidates.get(i).slot().limit())))
                .toList();
        for (int i : order) {
            Slot slot = candidates.get(i).slot();
            Optional<Lease> lease = tryAcquire(slot.key(), slot.limit(), ttl);
            if (lease.isPresent()) {
                return new Pick(lease, i);
            }
        }
        return new Pick(Optional.empty(), order.getFirst());
    }

    /** Live (unexpired) leases of {@code key}. */
    int inUse(String key);

    /** {@link #inUse(String)} of each key, in order, as one step (with Redis, one round trip). */
    default int[] inUse(List<String> keys) {
        return keys.stream().mapToInt(this::inUse).toArray();
    }

    /** Callers currently waiting in {@link #acquire} for {@code key}. */
    int waiting(String key);
}
