package dev.relaypool.server.metrics;

import dev.relaypool.server.gateway.FailureClass;
import dev.relaypool.server.gateway.UpstreamAccount;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code relaypool_upstream_errors_total} by account and failure class. Accounts beyond {@link #MAX_ACCOUNTS} share
 * the account label {@code other}: a pool that large is read by class, not account by account.
 */
final class UpstreamErrorMeters {
    static final int MAX_ACCOUNTS = 200;
    private static final FailureClass[] CLASSES = FailureClass.values();
    private static final long OTHER_ACCOUNTS = Long.MIN_VALUE;

    private final MeterRegistry registry;
    private final ConcurrentMap<Long, AtomicReferenceArray<Counter>> byAccount = new ConcurrentHashMap<>();

    UpstreamErrorMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(UpstreamAccount account, FailureClass failure) {
        long id = account.id();
        AtomicReferenceArray<Counter> counters = byAccount.get(id);
        if (counters == null) {
            if (byAccount.size() >= MAX_ACCOUNTS) {
                id = OTHER_ACCOUNTS;
            }
            counters = byAccount.computeIfAbsent(id, k -> new AtomicReferenceArray<>(CLASSES.length));
        }
        Counter counter = counters.get(failure.ordinal());
        if (counter == null) {
            counter = Counter.builder("relaypool.upstream.errors")
                    .description("Failed upstream attempts (each failover attempt counts), by account and class")
                    .tags("account", id == OTHER_ACCOUNTS ? RequestMeters.OTHER : Long.toString(id),
                            "class", failure.name().toLowerCase(Locale.ROOT))
                    .register(registry);
            counters.compareAndSet(failure.ordinal(), null, counter);
        }
        counter.increment();
    }
}
