package dev.relaypool.server.gateway;

import dev.relaypool.server.gateway.upstream.CancelSignal;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cancels the upstream calls of a client connection when it closes. One listener per connection (attached to
 * it), not one per request: a keep-alive connection serves many requests and listeners cannot be removed.
 */
final class ConnectionWatch implements ServerConnection.CloseListener {
    private static final AttachmentKey<ConnectionWatch> KEY = AttachmentKey.create(ConnectionWatch.class);

    private final Set<CancelSignal> active = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    static ConnectionWatch of(ServerConnection connection) {
        synchronized (connection) {
            ConnectionWatch watch = connection.getAttachment(KEY);
            if (watch == null) {
                watch = new ConnectionWatch();
                connection.putAttachment(KEY, watch);
                connection.addCloseListener(watch);
            }
            return watch;
        }
    }

    /** Ends watching a request's signal. */
    interface Handle extends AutoCloseable {
        @Override
        void close();
    }

    /** Watches {@code signal} until the returned handle is closed. */
    Handle watch(CancelSignal signal) {
        active.add(signal);
        if (closed) {
            signal.cancel();
        }
        return () -> active.remove(signal);
    }

    @Override
    public void closed(ServerConnection connection) {
        closed = true;
        active.forEach(CancelSignal::cancel);
    }
}
