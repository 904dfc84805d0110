package dev.relaypool.server.gateway;

/** A held lease (account concurrency slot); the gateway releases it exactly once, in a finally block. */
@FunctionalInterface
public interface Releasable {
    Releasable NONE = () -> {};

    void release();
}
