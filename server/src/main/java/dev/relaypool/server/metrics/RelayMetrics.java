package dev.relaypool.server.metrics;

import dev.relaypool.server.accounts.Accounts;
import dev.relaypool.server.billing.UsageSettlement;
import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.coordination.Coordination;
import dev.relaypool.server.gateway.AccountSelector;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.usage.UsageSink;
import io.undertow.server.handlers.PathHandler;
import java.util.Objects;

/**
 * Front door of the node's Prometheus metrics: wraps the gateway's usage sink and account selector to count
 * requests, latencies, tokens and upstream errors (the gateway itself knows nothing of metrics), samples leases and
 * the settlement backlog at each scrape, and serves {@code GET /metrics}. When metrics are disabled the wrappers are
 * the identity and nothing is mounted.
 */
public sealed interface RelayMetrics extends AutoCloseable permits PrometheusMetrics, RelayMetrics.Disabled {

    /** What the gauges read: the pool's connections, the accounts snapshot, leases and the usage backlog. */
    record Sources(Database database, Accounts accounts, Coordination coordination, UsageSettlement settlement) {
        public Sources {
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(accounts, "accounts");
            Objects.requireNonNull(coordination, "coordination");
            Objects.requireNonNull(settlement, "settlement");
        }
    }

    static RelayMetrics create(RelaypoolConfig.Metrics config, Sources sources) {
        return config.enabled() ? PrometheusMetrics.start(new MetricsAccess(config.token()), sources) : new Disabled();
    }

    /** {@code sink}, with every record it receives counted first. */
    UsageSink usageSink(UsageSink sink);

    /** {@code selector}, with every failed upstream attempt it is told about counted. */
    AccountSelector selector(AccountSelector selector);

    /** Adds {@code GET /metrics} to {@code routes}. */
    void mount(PathHandler routes);

    /** Unhooks the JVM listeners; never throws. */
    @Override
    void close();

    /** {@code metrics.enabled: false}: nothing measured, nothing served. */
    record Disabled() implements RelayMetrics {
        @Override public UsageSink usageSink(UsageSink sink) { return sink; }

        @Override public AccountSelector selector(AccountSelector selector) { return selector; }

        @Override public void mount(PathHandler routes) {}

        @Override public void close() {}
    }
}
