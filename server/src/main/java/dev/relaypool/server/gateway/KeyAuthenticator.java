package dev.relaypool.server.gateway;

/**
 * Resolves a presented Relaypool key. Called on every gateway request, so implementations answer from a cache
 * rather than the database; must not throw for an unknown or malformed key (that is {@link KeyLookup.Unknown}).
 */
@FunctionalInterface
public interface KeyAuthenticator {
    KeyLookup authenticate(String presentedKey);
}
