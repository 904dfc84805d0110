package dev.relaypool.server.coordination;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Upstream accounts cooling down (after a 429, an overload, an auth failure). Reads are served from memory so the
 * scheduler can check every candidate without a round trip; writes reach every node within about a second.
 */
public interface Cooldowns {

    /**
     * Cools the account down until {@code until}. An existing longer cooldown is kept (never shortened).
     * Returns the cooldown in force afterwards.
     */
    Cooldown coolDown(long accountId, Instant until, String reason);

    /** The active cooldown of the account, if any. */
    Optional<Cooldown> get(long accountId);

    /** All active cooldowns by account id. */
    Map<Long, Cooldown> active();

    /** Ends the account's cooldown now (an operator re-enabled it, a probe succeeded). */
    void clear(long accountId);
}
