package dev.relaypool.server.metrics;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standard meters under their standard names ({@code jvm_*}, {@code process_*}, {@code system_*},
 * {@code hikaricp_*}), so that ready-made dashboards for them work unchanged.
 */
final class RuntimeBinders {
    private static final Logger log = LoggerFactory.getLogger(RuntimeBinders.class);

    private RuntimeBinders() {}

    /** Binds them all; returns what must be closed to unhook JVM listeners. */
    static List<AutoCloseable> bind(MeterRegistry registry, DataSource dataSource) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new VirtualThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmCompilationMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        if (dataSource instanceof HikariDataSource hikari) {
            try {
                hikari.setMetricRegistry(registry);
            } catch (IllegalStateException e) { // the pool accepts one registry in its life
                log.warn("Connection pool metrics not available: {}", e.getMessage());
            }
        }
        return List.of(gc);
    }
}
