package dev.relaypool.server.storage;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One load per key at a time, for caches in front of the database: a caller that finds a load of its key running
 * gets the expired value it already has, or else waits for that load's result (or its exception). A burst of
 * requests on a cold or expiring entry thus costs one read, not one connection each.
 */
public final class SingleFlight<K, V> {
    /** A running load: its result to come, and when it started ({@link System#nanoTime()}). */
    private record Flight<V>(CompletableFuture<V> result, long startedNanos) {
        Flight() {
            this(new CompletableFuture<>(), System.nanoTime());
        }
    }

    private final Map<K, Flight<V>> running = new ConcurrentHashMap<>();

    /** {@code stale}: the expired value at hand, or null; {@code load}: reads (and caches) the fresh value. */
    public V load(K key, V stale, Supplier<V> load) {
        Flight<V> mine = new Flight<>();
        Flight<V> other = running.putIfAbsent(key, mine);
        if (other != null) {
            return stale != null ? stale : await(other.result);
        }
        try {
            V fresh = load.get();
            mine.result.complete(fresh);
            return fresh;
        } catch (RuntimeException e) {
            mine.result.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(key, mine);
        }
    }

    /**
     * Starts a load of {@code key} on a virtual thread unless one is running, and returns at once: the caller goes
     * on with the value it has. A failure is left for the next synchronous {@link #load} to meet.
     */
    public void refresh(K key, Supplier<V> load) {
        Flight<V> mine = new Flight<>();
        if (running.putIfAbsent(key, mine) != null) {
            return;
        }
        Thread.ofVirtual().name("cache-refresh").start(() -> {
            try {
                mine.result.complete(load.get());
            } catch (RuntimeException e) {
                mine.result.completeExceptionally(e);
            } finally {
                running.remove(key, mine);
            }
        });
    }

    /** Whether a load of {@code key} has been running for longer than {@code limit} (the database is slow or down). */
    public boolean runningLongerThan(K key, java.time.Duration limit) {
        Flight<V> flight = running.get(key);
        return flight != null && System.nanoTime() - flight.startedNanos > limit.toNanos();
    }

    private static <V> V await(CompletableFuture<V> other) {
        try {
            return other.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
