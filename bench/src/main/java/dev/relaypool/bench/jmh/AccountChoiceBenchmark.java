package dev.relaypool.bench.jmh;

import dev.relaypool.model.Platform;
import dev.relaypool.server.accounts.ModelMapping;
import dev.relaypool.server.accounts.PooledAccount;
import dev.relaypool.server.accounts.SchedulableAccounts;
import dev.relaypool.server.coordination.local.LocalCoordination;
import dev.relaypool.server.gateway.KeyContext;
import dev.relaypool.server.gateway.Selection;
import dev.relaypool.server.gateway.UpstreamAccount;
import dev.relaypool.server.gateway.UpstreamCredential;
import dev.relaypool.server.scheduling.LeaseRenewer;
import dev.relaypool.server.scheduling.PoolSelector;
import dev.relaypool.server.scheduling.RateLimitStates;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scheduler choosing among 100 accounts of a group (in-process coordination): candidates, load from the
 * leases, sort, lease; the lease is released again so every call sees the same pool. With and without a session
 * bound to one of them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AccountChoiceBenchmark {
    private static final int ACCOUNTS = 100;
    private final KeyContext key = new KeyContext(1, 1, 7, Platform.ANTHROPIC);
    private LocalCoordination coordination;
    private LeaseRenewer renewer;
    private RateLimitStates rateLimits;
    private PoolSelector selector;

    @Setup
    public void setUp() {
        Clock clock = Clock.systemUTC();
        List<PooledAccount> pool = new ArrayList<>();
        for (int i = 1; i <= ACCOUNTS; i++) {
            UpstreamAccount upstream = new UpstreamAccount(i, Platform.ANTHROPIC, "https://api.anthropic.com",
                    new UpstreamCredential.ApiKey("sk-ant-bench-" + i), Optional.empty());
            ModelMapping mapping = i % 10 == 0 ? new ModelMapping(Map.of("claude-*", "claude-sonnet-4-5"))
                    : ModelMapping.ALLOW_ALL;
            pool.add(new PooledAccount(upstream, "account " + i, i % 3, 10, mapping));
        }
        SchedulableAccounts accounts = new SchedulableAccounts() {
            @Override
            public List<PooledAccount> schedulable(long groupId) {
                return pool;
            }

            @Override
            public Optional<PooledAccount> schedulableAccount(long accountId) {
                return pool.stream().filter(a -> a.id() == accountId).findFirst();
            }
        };
        coordination = new LocalCoordination(clock);
        renewer = new LeaseRenewer(Duration.ofSeconds(60));
        rateLimits = new RateLimitStates(RateLimitStates.Store.NONE, coordination.broadcasts(), clock, Duration.ofMinutes(5));
        selector = new PoolSelector(accounts, coordination, renewer, rateLimits,
                new PoolSelector.Settings(Duration.ofHours(1), Duration.ofSeconds(1), 10,
                        dev.relaypool.server.scheduling.CooldownPolicy.DEFAULTS), clock);
        selector.onSuccess(key, Optional.of("claude:bench-session"), pool.get(42).upstream());
    }

    @TearDown
    public void tearDown() throws Exception {
        rateLimits.close();
        renewer.close();
        coordination.close();
    }

    @Benchmark
    public Selection chooseWithoutSession() {
        return released(selector.select(key, "claude-sonnet-4-5", Optional.empty(), Set.of()));
    }

    @Benchmark
    public Selection chooseBoundSession() {
        return released(selector.select(key, "claude-sonnet-4-5", Optional.of("claude:bench-session"), Set.of()));
    }

    private static Selection released(Selection selection) {
        if (selection instanceof Selection.Chosen chosen) {
            chosen.lease().release();
        }
        return selection;
    }
}
