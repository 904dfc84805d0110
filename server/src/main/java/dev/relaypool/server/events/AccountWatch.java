package dev.relaypool.server.events;

import static dev.relaypool.server.storage.schema.Tables.UPSTREAM_ACCOUNTS;

import dev.relaypool.model.admin.LiveAccountState;
import dev.relaypool.model.admin.LiveSnapshot;
import dev.relaypool.server.coordination.Cooldown;
import dev.relaypool.server.coordination.Coordination;
import dev.relaypool.server.storage.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.Record3;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code period}, on each node: a {@code snapshot} event (leases in use per account, requests waiting) and
 * {@code account} events for what changed since the last look: cooldowns set or cleared (the shared cooldown
 * store), accounts gone into {@code error} or back. Polling shared state means every node sees every change by
 * itself, whichever node caused it, without the scheduler having to publish anything.
 */
public final class AccountWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AccountWatch.class);

    private final Database database;
    private final Coordination coordination;
    private final LiveEvents events;
    private final Clock clock;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("relaypool-account-watch").daemon().factory());
    private Map<Long, Cooldown> cooldowns = Map.of();
    private Map<Long, String> statuses;

    public AccountWatch(Database database, Coordination coordination, LiveEvents events, Clock clock, Duration period) {
        this.database = database;
        this.coordination = coordination;
        this.events = events;
        this.clock = clock;
        timer.scheduleWithFixedDelay(this::safeTick, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.debug("Account watch skipped a tick: {}", e.toString());
        }
    }

    /** One look; package-visible so tests can drive it without waiting. */
    synchronized void tick() {
        var rows = database.dsl().select(UPSTREAM_ACCOUNTS.ID, UPSTREAM_ACCOUNTS.STATUS, UPSTREAM_ACCOUNTS.CONCURRENCY_LIMIT)
                .from(UPSTREAM_ACCOUNTS).orderBy(UPSTREAM_ACCOUNTS.ID).fetch();
        Map<Long, Cooldown> nowCooling = Map.copyOf(coordination.cooldowns().active());
        var at = clock.instant();
        nowCooling.forEach((id, cooldown) -> {
            Cooldown before = cooldowns.get(id);
            if (before == null || !before.until().equals(cooldown.until())) {
                events.local("account", new LiveAccountState(id, LiveAccountState.COOLDOWN_SET, cooldown.reason(),
                        cooldown.until(), at), true);
            }
        });
        cooldowns.keySet().stream().filter(id -> !nowCooling.containsKey(id)).forEach(id -> events.local("account",
                new LiveAccountState(id, LiveAccountState.COOLDOWN_CLEARED, "", null, at), true));
        cooldowns = nowCooling;
        Map<Long, String> nowStatus = new HashMap<>();
        List<LiveSnapshot.AccountLoad> loads = new ArrayList<>();
        int waiting = 0;
        for (Record3<Long, String, Integer> row : rows) {
            long id = row.value1();
            nowStatus.put(id, row.value2());
            if (statuses != null) {
                statusChange(id, statuses.get(id), row.value2(), at);
            }
            if (!"disabled".equals(row.value2())) {
                String key = "account:" + id;
                loads.add(new LiveSnapshot.AccountLoad(id, coordination.leases().inUse(key), row.value3(),
                        nowCooling.containsKey(id)));
                waiting += coordination.leases().waiting(key);
            }
        }
        statuses = nowStatus;
        events.local("snapshot", new LiveSnapshot(at, loads, waiting), false);
    }

    private void statusChange(long id, String before, String now, java.time.Instant at) {
        if ("error".equals(now) && !"error".equals(before)) {
            events.local("account", new LiveAccountState(id, LiveAccountState.ERROR, "", null, at), true);
        } else if ("error".equals(before) && "active".equals(now)) {
            events.local("account", new LiveAccountState(id, LiveAccountState.RECOVERED, "", null, at), true);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
