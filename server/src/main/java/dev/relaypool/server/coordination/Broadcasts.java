package dev.relaypool.server.coordination;

import java.util.function.Consumer;

/**
 * Fire-and-forget messages to every node, the sender included: cache invalidation and live events. Delivery is
 * best effort (a node that is disconnected misses messages), so state that matters lives elsewhere.
 */
public interface Broadcasts {

    void publish(String topic, String message);

    /**
     * Delivers each message of {@code topic} to {@code listener} until the returned handle is closed. Listeners
     * run on a shared delivery thread: they must be quick and hand slow work off. A listener that throws is
     * logged and kept.
     */
    Subscription subscribe(String topic, Consumer<String> listener);

    /** Stops delivery; idempotent, never throws. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
