package dev.relaypool.server.keys;

/** What a presented member key turned out to be. */
public sealed interface KeyCheck {
    record Active(ActiveKey key) implements KeyCheck {}

    /** No such key (or not even shaped like one). */
    record Unknown() implements KeyCheck {}

    /** The key, its owner or its group is switched off; {@code reason} says which, in words for the member. */
    record Disabled(String reason) implements KeyCheck {}

    record Expired(java.time.Instant expiredAt) implements KeyCheck {}

    /** A valid key presented from an address its allow/deny lists exclude; {@code message} says which, in words. */
    record AddressRefused(String message) implements KeyCheck {}

    /** An invalid key from an address that has presented too many of them lately; retry after {@code retryAfter}. */
    record Throttled(java.time.Duration retryAfter) implements KeyCheck {}
}
