package dev.relaypool.server.gateway;

/**
 * Resolves a presented Relaypool key. Called on every gateway request, so implementations answer from a cache
 * rather than the database; must not throw for an unknown or malformed key (that is {@link KeyLookup.Unknown}).
 */
@FunctionalInterface
public interface KeyAuthenticator {
    KeyLookup authenticate(String presentedKey);

    /**
     * As {@link #authenticate(String)} for a request from {@code client} (the address {@code server.trusted-proxies}
     * lets forwarding headers name; empty when unknown): implementations that know a key's address lists or
     * throttle invalid keys per address override this.
     */
    default KeyLookup authenticate(String presentedKey, java.util.Optional<java.net.InetAddress> client) {
        return authenticate(presentedKey);
    }
}
