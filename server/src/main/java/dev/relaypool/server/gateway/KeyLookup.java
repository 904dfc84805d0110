package dev.relaypool.server.gateway;

import java.util.Objects;

/** The outcome of presenting a Relaypool key; every case except {@link Active} ends the request. */
public sealed interface KeyLookup {
    record Active(KeyContext key) implements KeyLookup {
        public Active {
            Objects.requireNonNull(key, "key");
        }
    }

    record Unknown() implements KeyLookup {}

    record Disabled() implements KeyLookup {}

    record Expired() implements KeyLookup {}

    /** The key, its user or its group has used up what it may spend; {@code message} is shown to the member. */
    record OverQuota(String message) implements KeyLookup {
        public OverQuota {
            Objects.requireNonNull(message, "message");
        }
    }

    /** A valid key used from an address its lists exclude (403); {@code message} names the address and the list. */
    record AddressRefused(String message) implements KeyLookup {
        public AddressRefused {
            Objects.requireNonNull(message, "message");
        }
    }

    /** Too many invalid keys from this client address lately (429); the client may retry after {@code retryAfter}. */
    record Throttled(java.time.Duration retryAfter) implements KeyLookup {
        public Throttled {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }
}
