package dev.relaypool.server.metrics;

import dev.relaypool.server.billing.UsageSettlement;
import dev.relaypool.server.gateway.AccountSelector;
import dev.relaypool.server.usage.UsageSink;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.server.handlers.PathHandler;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Metrics on: one Prometheus registry per node (never a global one, so several nodes can share a test JVM). */
final class PrometheusMetrics implements RelayMetrics {
    private static final Logger log = LoggerFactory.getLogger(PrometheusMetrics.class);

    private final PrometheusMeterRegistry registry;
    private final MetricsAccess access;
    private final RequestMeters requests;
    private final UpstreamErrorMeters upstreamErrors;
    private final PoolGauges pool;
    private final List<AutoCloseable> binders;

    private PrometheusMetrics(PrometheusMeterRegistry registry, MetricsAccess access, PoolGauges pool,
                              List<AutoCloseable> binders) {
        this.registry = registry;
        this.access = access;
        this.requests = new RequestMeters(registry);
        this.upstreamErrors = new UpstreamErrorMeters(registry);
        this.pool = pool;
        this.binders = binders;
    }

    static PrometheusMetrics start(MetricsAccess access, Sources sources) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List<AutoCloseable> binders = RuntimeBinders.bind(registry, sources.database().dataSource());
        PoolGauges pool = new PoolGauges(registry, sources.accounts()::allSchedulable, sources.coordination().leases());
        UsageSettlement settlement = sources.settlement();
        Gauge.builder("relaypool.usage.journal.unsettled", settlement, UsageSettlement::unsettledCount)
                .description("Usage records journalled but not yet written to the database").register(registry);
        Gauge.builder("relaypool.settlement.queue.depth", settlement, UsageSettlement::queueDepth)
                .description("Usage records queued in memory for the database writer").register(registry);
        return new PrometheusMetrics(registry, access, pool, binders);
    }

    @Override
    public UsageSink usageSink(UsageSink sink) {
        return new MeteredUsageSink(sink, requests);
    }

    @Override
    public AccountSelector selector(AccountSelector selector) {
        return new MeteredSelector(selector, upstreamErrors);
    }

    @Override
    public void mount(PathHandler routes) {
        routes.addExactPath("/metrics", new MetricsHandler(access, this::scrape));
    }

    /** The exposition text; samples the gauges that are too dear to read one by one (leases) first. */
    String scrape() {
        pool.refresh();
        return registry.scrape();
    }

    @Override
    public void close() {
        for (AutoCloseable binder : binders) {
            try {
                binder.close();
            } catch (Exception e) {
                log.warn("Closing {} failed: {}", binder.getClass().getSimpleName(), e.toString());
            }
        }
        registry.close();
    }
}
