package dev.relaypool.server.accounts;

import dev.relaypool.server.gateway.UpstreamAccount;
import java.util.Objects;

/**
 * A schedulable account as one group sees it: the gateway's view of it, its priority in that group (lower first),
 * its concurrency limit and its model mapping.
 */
public record PooledAccount(UpstreamAccount upstream, String name, int priority, int concurrencyLimit,
                            ModelMapping modelMapping) {
    public PooledAccount {
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(modelMapping, "modelMapping");
    }

    public long id() {
        return upstream.id();
    }
}
