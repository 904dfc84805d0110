package dev.relaypool.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import dev.relaypool.server.accounts.ModelMapping;
import dev.relaypool.server.accounts.PooledAccount;
import dev.relaypool.server.coordination.Lease;
import dev.relaypool.server.coordination.Leases;
import dev.relaypool.server.coordination.LeaseResult;
import dev.relaypool.server.coordination.local.LocalCoordination;
import dev.relaypool.server.gateway.UpstreamAccount;
import dev.relaypool.server.gateway.UpstreamCredential;
import dev.relaypool.server.scheduling.PoolSelector;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PoolGaugesTest {
    private static final Duration TTL = Duration.ofMinutes(1);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final LocalCoordination coordination = new LocalCoordination(Clock.systemUTC());
    private final AtomicReference<List<PooledAccount>> accounts = new AtomicReference<>(List.of());
    private final List<Lease> held = new ArrayList<>();

    @AfterEach
    void release() {
        held.forEach(Lease::close);
        coordination.close();
    }

    @Test
    void showsLeasesInUsePerAccountAndInTotal() {
        accounts.set(List.of(account(1, Platform.ANTHROPIC), account(2, Platform.OPENAI)));
        hold(1, 2);
        hold(2, 1);
        PoolGauges gauges = new PoolGauges(registry, accounts::get, coordination.leases());

        gauges.refresh();

        Exposition metrics = Exposition.parse(registry.scrape());
        assertThat(metrics.value("relaypool_account_leases_in_use", "account", "1", "platform", "anthropic")).isEqualTo(2);
        assertThat(metrics.value("relaypool_account_leases_in_use", "account", "2", "platform", "openai")).isEqualTo(1);
        assertThat(metrics.value("relaypool_account_lease_waiters", "account", "1", "platform", "anthropic")).isZero();
        assertThat(metrics.value("relaypool_leases_in_use")).isEqualTo(3);
        assertThat(metrics.value("relaypool_lease_waiters")).isZero();
        assertThat(metrics.value("relaypool_accounts_schedulable")).isEqualTo(2);
    }

    @Test
    void dropsTheSeriesOfAnAccountThatLeftThePool() {
        accounts.set(List.of(account(1, Platform.ANTHROPIC), account(2, Platform.ANTHROPIC)));
        PoolGauges gauges = new PoolGauges(registry, accounts::get, coordination.leases());
        gauges.refresh();
        accounts.set(List.of(account(2, Platform.ANTHROPIC)));

        gauges.refresh();

        Exposition metrics = Exposition.parse(registry.scrape());
        assertThat(metrics.find("relaypool_account_leases_in_use", "account", "1", "platform", "anthropic")).isEmpty();
        assertThat(metrics.find("relaypool_account_leases_in_use", "account", "2", "platform", "anthropic")).isPresent();
    }

    @Test
    void showsOnlyTheBusiestAccountsOfALargePool() {
        int size = PoolGauges.MAX_ACCOUNT_SERIES + 20;
        accounts.set(LongStream.rangeClosed(1, size).mapToObj(id -> account(id, Platform.OPENAI)).toList());
        hold(size, 3); // the last by id, but the busiest
        PoolGauges gauges = new PoolGauges(registry, accounts::get, coordination.leases());

        gauges.refresh();

        Exposition metrics = Exposition.parse(registry.scrape());
        assertThat(metrics.count("relaypool_account_leases_in_use")).isEqualTo(PoolGauges.MAX_ACCOUNT_SERIES);
        assertThat(metrics.value("relaypool_account_leases_in_use", "account", Integer.toString(size), "platform", "openai"))
                .isEqualTo(3);
        assertThat(metrics.value("relaypool_accounts_schedulable")).isEqualTo(size);
        assertThat(metrics.value("relaypool_leases_in_use")).isEqualTo(3);
    }

    @Test
    void keepsTheLastValuesWhileCoordinationFails() {
        accounts.set(List.of(account(1, Platform.GEMINI)));
        hold(1, 1);
        FlakyLeases flaky = new FlakyLeases(coordination.leases());
        PoolGauges gauges = new PoolGauges(registry, accounts::get, flaky);
        gauges.refresh();
        flaky.down = true;

        gauges.refresh();

        assertThat(Exposition.parse(registry.scrape()).value("relaypool_leases_in_use")).isEqualTo(1);
    }

    private void hold(long accountId, int count) {
        for (int i = 0; i < count; i++) {
            held.add(coordination.leases().tryAcquire(PoolSelector.leaseKey(accountId), 0, TTL).orElseThrow());
        }
    }

    private static PooledAccount account(long id, Platform platform) {
        return new PooledAccount(new UpstreamAccount(id, platform, "https://upstream.example",
                new UpstreamCredential.ApiKey("sk-test-" + id), Optional.empty()), "acc-" + id, 10, 5,
                ModelMapping.ALLOW_ALL);
    }

    /** Leases that start failing like Redis during an outage. */
    private static final class FlakyLeases implements Leases {
        private final Leases delegate;
        volatile boolean down;

        FlakyLeases(Leases delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<Lease> tryAcquire(String key, int limit, Duration ttl) {
            return delegate.tryAcquire(key, limit, ttl);
        }

        @Override
        public LeaseResult acquire(String key, int limit, Duration ttl, Duration maxWait, int maxWaiters) {
            return delegate.acquire(key, limit, ttl, maxWait, maxWaiters);
        }

        @Override
        public Optional<Lease> tryAcquireAll(List<Slot> slots, Duration ttl) {
            return delegate.tryAcquireAll(slots, ttl);
        }

        @Override
        public int inUse(String key) {
            if (down) {
                throw new IllegalStateException("coordination store unreachable");
            }
            return delegate.inUse(key);
        }

        @Override
        public int waiting(String key) {
            return delegate.waiting(key);
        }
    }
}
