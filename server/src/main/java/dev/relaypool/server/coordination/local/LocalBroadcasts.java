package dev.relaypool.server.coordination.local;

import dev.relaypool.server.coordination.Arguments;
import dev.relaypool.server.coordination.Broadcasts;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broadcasts within the process. Delivery runs on one delivery thread, as with Redis, so a publisher never runs
 * listener code (and never deadlocks on a lock a listener takes) and messages keep their order.
 */
final class LocalBroadcasts implements Broadcasts, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalBroadcasts.class);

    private final ConcurrentMap<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private final ExecutorService delivery =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().name("relaypool-broadcasts").daemon().factory());

    @Override
    public void publish(String topic, String message) {
        Objects.requireNonNull(message, "message");
        List<Consumer<String>> subscribed = listeners.get(Arguments.key(topic));
        if (subscribed == null || subscribed.isEmpty()) {
            return;
        }
        try {
            delivery.execute(() -> subscribed.forEach(listener -> deliver(topic, listener, message)));
        } catch (RejectedExecutionException e) {
            log.debug("Broadcast on {} dropped: coordination is closed", topic);
        }
    }

    @Override
    public Subscription subscribe(String topic, Consumer<String> listener) {
        Objects.requireNonNull(listener, "listener");
        Consumer<String> own = listener::accept; // a distinct identity, so subscribing twice needs closing twice
        listeners.computeIfAbsent(Arguments.key(topic), t -> new CopyOnWriteArrayList<>()).add(own);
        return () -> listeners.computeIfPresent(topic, (t, list) -> {
            list.remove(own);
            return list.isEmpty() ? null : list;
        });
    }

    private static void deliver(String topic, Consumer<String> listener, String message) {
        try {
            listener.accept(message);
        } catch (RuntimeException e) {
            log.warn("Broadcast listener on {} failed", topic, e);
        }
    }

    @Override
    public void close() {
        delivery.shutdown();
    }
}
