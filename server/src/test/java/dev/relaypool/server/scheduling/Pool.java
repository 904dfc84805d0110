package dev.relaypool.server.scheduling;

import dev.relaypool.model.Platform;
import dev.relaypool.server.accounts.ModelMapping;
import dev.relaypool.server.accounts.PooledAccount;
import dev.relaypool.server.accounts.SchedulableAccounts;
import dev.relaypool.server.coordination.Coordination;
import dev.relaypool.server.coordination.local.LocalCoordination;
import dev.relaypool.server.gateway.KeyContext;
import dev.relaypool.server.gateway.UpstreamAccount;
import dev.relaypool.server.gateway.UpstreamCredential;
import dev.relaypool.server.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A selector over an in-memory pool of one group, on the local coordination and a test clock. */
final class Pool implements SchedulableAccounts, AutoCloseable {
    static final long GROUP = 7;
    static final KeyContext KEY = new KeyContext(1, 11, GROUP, Platform.ANTHROPIC);
    static final KeyContext OTHER_KEY = new KeyContext(2, 12, GROUP, Platform.ANTHROPIC);

    final TestClock clock = new TestClock();
    final Coordination coordination;
    final LeaseRenewer renewer = new LeaseRenewer(Duration.ofSeconds(60));
    final RateLimitStates rateLimits;
    final List<PooledAccount> accounts = new CopyOnWriteArrayList<>();
    final PoolSelector selector;

    Pool(Duration accountWait, int maxWaiters) {
        this(LocalCoordination::new, accountWait, maxWaiters);
    }

    /** On the coordination {@code coordinationOn} makes from this pool's clock (e.g. one on a real Redis). */
    Pool(Function<Clock, Coordination> coordinationOn, Duration accountWait, int maxWaiters) {
        coordination = coordinationOn.apply(clock);
        rateLimits = new RateLimitStates(RateLimitStates.Store.NONE, coordination.broadcasts(), clock, Duration.ofHours(1));
        selector = new PoolSelector(this, coordination, renewer, rateLimits,
                new PoolSelector.Settings(Duration.ofHours(1), accountWait, maxWaiters, CooldownPolicy.DEFAULTS), clock);
    }

    Pool() {
        this(Duration.ofMillis(200), 10);
    }

    PooledAccount add(long id, int priority, int limit) {
        return add(id, Platform.ANTHROPIC, priority, limit, Map.of());
    }

    PooledAccount add(long id, Platform platform, int priority, int limit, Map<String, String> mapping) {
        PooledAccount account = new PooledAccount(new UpstreamAccount(id, platform, "http://127.0.0.1:9",
                new UpstreamCredential.ApiKey("sk-" + id), Optional.empty()), "acc-" + id, priority, limit,
                new ModelMapping(mapping));
        accounts.add(account);
        return account;
    }

    void remove(long id) {
        accounts.removeIf(a -> a.id() == id);
    }

    @Override
    public List<PooledAccount> schedulable(long groupId) {
        return groupId == GROUP ? List.copyOf(accounts) : List.of();
    }

    @Override
    public Optional<PooledAccount> schedulableAccount(long accountId) {
        return accounts.stream().filter(a -> a.id() == accountId).findFirst();
    }

    @Override
    public void close() {
        renewer.close();
        rateLimits.close();
        coordination.close();
    }
}
