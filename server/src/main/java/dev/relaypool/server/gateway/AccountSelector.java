package dev.relaypool.server.gateway;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The scheduler as the gateway sees it: one call per attempt, then feedback about how that attempt went.
 * Every {@link Selection.Chosen} lease is released by the gateway, whatever happens.
 */
public interface AccountSelector {
    /**
     * @param session       a stable id of the client's conversation ({@link SessionKeys}), for sticky routing
     *                      (prompt caches), if any
     * @param triedAccounts ids of accounts this request already failed on; never choose them again
     */
    Selection select(KeyContext key, String requestedModel, Optional<String> session, Set<Long> triedAccounts);

    /** {@code account} answered the request; its session (if any) now belongs to it. */
    void onSuccess(KeyContext key, Optional<String> session, UpstreamAccount account);

    /** {@code retryAfter}: what the provider said (Retry-After and similar), when it said anything. */
    void onFailure(UpstreamAccount account, FailureClass failure, Optional<Duration> retryAfter);

    /** {@code account}'s answer reached its end intact (a stream included); ends a streak of broken streams. */
    default void onDelivered(UpstreamAccount account) {}

    /** The headers of an answer {@code account} gave (rate-limit windows ride on them); {@code header}: by name. */
    default void onUpstreamHeaders(UpstreamAccount account, Function<String, String> header) {}
}
