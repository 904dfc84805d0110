package dev.relaypool.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.management.ManagementFactory;
import jdk.management.VirtualThreadSchedulerMXBean;

/**
 * The virtual-thread scheduler (JDK 24+), which Micrometer's thread metrics do not see: they count platform threads
 * only, while every gateway request runs on a virtual thread. Binds nothing where the JVM lacks the MXBean.
 */
final class VirtualThreadMetrics implements MeterBinder {
    @Override
    public void bindTo(MeterRegistry registry) {
        VirtualThreadSchedulerMXBean scheduler;
        try {
            scheduler = ManagementFactory.getPlatformMXBean(VirtualThreadSchedulerMXBean.class);
        } catch (IllegalArgumentException | LinkageError e) {
            return;
        }
        if (scheduler == null) {
            return;
        }
        Gauge.builder("jvm.threads.virtual.mounted", scheduler, VirtualThreadSchedulerMXBean::getMountedVirtualThreadCount)
                .description("Virtual threads running on a carrier thread right now").register(registry);
        Gauge.builder("jvm.threads.virtual.queued", scheduler, VirtualThreadSchedulerMXBean::getQueuedVirtualThreadCount)
                .description("Virtual threads ready to run, waiting for a carrier thread").register(registry);
        Gauge.builder("jvm.threads.virtual.carriers", scheduler, VirtualThreadSchedulerMXBean::getPoolSize)
                .description("Carrier (platform) threads of the virtual-thread scheduler").register(registry);
        Gauge.builder("jvm.threads.virtual.parallelism", scheduler, VirtualThreadSchedulerMXBean::getParallelism)
                .description("Target parallelism of the virtual-thread scheduler").register(registry);
    }
}
