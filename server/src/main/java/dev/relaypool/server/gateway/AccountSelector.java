package dev.relaypool.server.gateway;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The scheduler as the gateway sees it: one call per attempt, then feedback about how that attempt went.
 * Every {@link Selection.Chosen} lease is released by the gateway, whatever happens.
 */
public interface AccountSelector {
    /**
     * @param sessionHint  a stable id of the client's conversation, for sticky routing (prompt caches), if any
     * @param triedAccounts ids of accounts this request already failed on; never choose them again
     */
    Selection select(KeyContext key, String requestedModel, Optional<String> sessionHint, Set<Long> triedAccounts);

    void onSuccess(UpstreamAccount account);

    /** {@code retryAfter}: what the provider said (Retry-After and similar), when it said anything. */
    void onFailure(UpstreamAccount account, FailureClass failure, Optional<Duration> retryAfter);
}
