package dev.relaypool.server.metrics;

import dev.relaypool.server.accounts.PooledAccount;
import dev.relaypool.server.coordination.Leases;
import dev.relaypool.server.scheduling.PoolSelector;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Account leases (slots in use) and their wait queues, sampled once per scrape rather than read gauge by gauge: with
 * Redis each read is a round trip. Per-account series exist for at most {@link #MAX_ACCOUNT_SERIES} accounts (the
 * busiest when there are more); the totals cover the first {@link #MAX_SAMPLED} accounts.
 */
final class PoolGauges {
    static final int MAX_ACCOUNT_SERIES = 100;
    static final int MAX_SAMPLED = 1000;
    private static final Logger log = LoggerFactory.getLogger(PoolGauges.class);

    private record Sample(PooledAccount account, int inUse, int waiting) {
        int load() { return inUse + waiting; }
    }

    private final Supplier<List<PooledAccount>> accounts;
    private final Leases leases;
    private final MultiGauge inUseByAccount;
    private final MultiGauge waitingByAccount;
    private final AtomicLong inUse = new AtomicLong();
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong schedulable = new AtomicLong();
    private final ReentrantLock sampling = new ReentrantLock();
    private boolean failing; // guarded by sampling

    PoolGauges(MeterRegistry registry, Supplier<List<PooledAccount>> accounts, Leases leases) {
        this.accounts = accounts;
        this.leases = leases;
        inUseByAccount = MultiGauge.builder("relaypool.account.leases.in.use")
                .description("Requests an upstream account is serving right now").register(registry);
        waitingByAccount = MultiGauge.builder("relaypool.account.lease.waiters")
                .description("Requests waiting for a free slot of an upstream account").register(registry);
        Gauge.builder("relaypool.leases.in.use", inUse, AtomicLong::get)
                .description("Account leases held, all accounts (the cluster's, with Redis)").register(registry);
        Gauge.builder("relaypool.lease.waiters", waiting, AtomicLong::get)
                .description("Requests waiting for an account slot, all accounts").register(registry);
        Gauge.builder("relaypool.accounts.schedulable", schedulable, AtomicLong::get)
                .description("Upstream accounts the scheduler may choose").register(registry);
    }

    /** Reads every sampled account's leases; on a coordination failure keeps the last values (and says so once). */
    void refresh() {
        sampling.lock();
        try {
            List<PooledAccount> all = accounts.get();
            List<Sample> samples = new ArrayList<>(Math.min(all.size(), MAX_SAMPLED));
            for (PooledAccount account : all.subList(0, Math.min(all.size(), MAX_SAMPLED))) {
                String key = PoolSelector.leaseKey(account.id());
                samples.add(new Sample(account, leases.inUse(key), leases.waiting(key)));
            }
            publish(all.size(), samples);
            if (failing) {
                log.info("Lease metrics sampled again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Lease metrics not sampled, showing the last values: {}", e.toString());
                failing = true;
            }
        } finally {
            sampling.unlock();
        }
    }

    private void publish(int accountCount, List<Sample> samples) {
        schedulable.set(accountCount);
        inUse.set(samples.stream().mapToLong(Sample::inUse).sum());
        waiting.set(samples.stream().mapToLong(Sample::waiting).sum());
        List<Sample> shown = samples.size() <= MAX_ACCOUNT_SERIES ? samples : samples.stream()
                .sorted(Comparator.comparingInt(Sample::load).reversed()
                        .thenComparingLong(sample -> sample.account().id()))
                .limit(MAX_ACCOUNT_SERIES).toList();
        inUseByAccount.register(shown.stream().map(s -> MultiGauge.Row.of(tags(s), s.inUse())).toList(), true);
        waitingByAccount.register(shown.stream().map(s -> MultiGauge.Row.of(tags(s), s.waiting())).toList(), true);
    }

    private static Tags tags(Sample sample) {
        return Tags.of("account", Long.toString(sample.account().id()),
                "platform", sample.account().upstream().platform().wireName());
    }
}
