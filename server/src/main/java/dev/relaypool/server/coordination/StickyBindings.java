package dev.relaypool.server.coordination;

import java.time.Duration;
import java.util.Optional;

/** Session → upstream account bindings with a sliding TTL, so a conversation keeps hitting one account's cache. */
public interface StickyBindings {

    Optional<String> get(String key);

    void put(String key, String value, Duration ttl);

    /** Restarts the TTL of an existing binding; false when there is none. */
    boolean touch(String key, Duration ttl);

    void remove(String key);

    /**
     * Removes the binding only while it still points at {@code value}: dropping a binding to a failed account
     * must not delete a newer binding that another request made meanwhile. True when it removed something.
     */
    boolean removeIfValue(String key, String value);
}
