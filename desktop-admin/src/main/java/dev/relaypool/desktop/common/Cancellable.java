package dev.relaypool.desktop.common;

/** A scheduled piece of work that may be called off. */
@FunctionalInterface
public interface Cancellable {
    Cancellable NONE = () -> {};

    void cancel();
}
