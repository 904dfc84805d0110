package dev.relaypool.desktop.api;

/** An open live stream; closing it stops reconnecting and frees the connection. Idempotent. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
