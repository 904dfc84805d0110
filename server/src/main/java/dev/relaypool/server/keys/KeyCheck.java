package dev.relaypool.server.keys;

/** What a presented member key turned out to be. */
public sealed interface KeyCheck {
    record Active(ActiveKey key) implements KeyCheck {}

    /** No such key (or not even shaped like one). */
    record Unknown() implements KeyCheck {}

    /** The key, its owner or its group is switched off; {@code reason} says which, in words for the member. */
    record Disabled(String reason) implements KeyCheck {}

    record Expired(java.time.Instant expiredAt) implements KeyCheck {}
}
