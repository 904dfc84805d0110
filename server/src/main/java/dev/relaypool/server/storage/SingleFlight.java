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
    private final Map<K, CompletableFuture<V>> running = new ConcurrentHashMap<>();

    /** {@code stale}: the expired value at hand, or null; {@code load}: reads (and caches) the fresh value. */
    public V load(K key, V stale, Supplier<V> load) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> other = running.putIfAbsent(key, mine);
        if (other != null) {
            return stale != null ? stale : await(other);
        }
        try {
            V fresh = load.get();
            mine.complete(fresh);
            return fresh;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
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
        CompletableFuture<V> mine = new CompletableFuture<>();
        if (running.putIfAbsent(key, mine) != null) {
            return;
        }
        Thread.ofVirtual().name("cache-refresh").start(() -> {
            try {
                mine.complete(load.get());
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
            } finally {
                running.remove(key, mine);
            }
        });
    }

    private static <V> V await(CompletableFuture<V> other) {
        try {
            return other.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
