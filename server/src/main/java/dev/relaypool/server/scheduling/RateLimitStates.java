package dev.relaypool.server.scheduling;

import dev.relaypool.server.coordination.Broadcasts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each account's unified rate-limit windows: read per request from memory; a change is broadcast to the other nodes
 * (best effort: the next answer of the account repairs a missed one) and written to
 * {@code upstream_accounts.rate_limit_state} by a timer, at most once per {@code flushEvery}, never per request.
 */
public final class RateLimitStates implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RateLimitStates.class);
    static final String TOPIC = "scheduling.rate-limits";

    /** Where the states are kept across restarts ({@code upstream_accounts.rate_limit_state}): id → JSON. */
    public interface Store {
        Map<Long, String> load();

        void save(Map<Long, String> states);

        Store NONE = new Store() {
            @Override
            public Map<Long, String> load() { return Map.of(); }

            @Override
            public void save(Map<Long, String> states) {}
        };
    }

    private final Store store;
    private final Broadcasts broadcasts;
    private final Clock clock;
    private final Map<Long, RateLimitWindows> byAccount = new ConcurrentHashMap<>();
    private final Set<Long> unsaved = ConcurrentHashMap.newKeySet();
    private final Broadcasts.Subscription subscription;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("rate-limit-states").factory());

    public RateLimitStates(Store store, Broadcasts broadcasts, Clock clock, Duration flushEvery) {
        this.store = store;
        this.broadcasts = broadcasts;
        this.clock = clock;
        store.load().forEach((id, json) -> RateLimitWindows.fromJson(json).ifPresent(w -> byAccount.put(id, w)));
        this.subscription = broadcasts.subscribe(TOPIC, this::received);
        long period = Math.max(100, flushEvery.toMillis());
        timer.scheduleWithFixedDelay(this::flush, period, period, TimeUnit.MILLISECONDS);
    }

    /** Records the windows an answer of {@code accountId} reported, if it reported any. */
    public void observe(long accountId, Function<String, String> header) {
        RateLimitWindows.fromHeaders(header, clock.instant()).ifPresent(windows -> {
            RateLimitWindows before = byAccount.put(accountId, windows);
            unsaved.add(accountId);
            if (windows.differsFrom(before)) {
                try {
                    broadcasts.publish(TOPIC, accountId + "|" + windows.toJson());
                } catch (RuntimeException e) {
                    log.debug("rate-limit state of account {} not broadcast: {}", accountId, e.toString());
                }
            }
        });
    }

    public Optional<RateLimitWindows> of(long accountId) {
        return Optional.ofNullable(byAccount.get(accountId));
    }

    /** When the account's soonest known window reopens; empty when unknown or already past. */
    public Optional<Instant> nextReset(long accountId, Instant now) {
        RateLimitWindows windows = byAccount.get(accountId);
        return windows == null ? Optional.empty() : windows.nextReset(now);
    }

    public Map<Long, RateLimitWindows> all() {
        return Map.copyOf(byAccount);
    }

    private void received(String message) {
        int bar = message.indexOf('|');
        if (bar <= 0) {
            return;
        }
        try {
            long id = Long.parseLong(message.substring(0, bar));
            RateLimitWindows.fromJson(message.substring(bar + 1)).ifPresent(windows -> byAccount.merge(id, windows,
                    (mine, theirs) -> theirs.observedAt().isBefore(mine.observedAt()) ? mine : theirs));
        } catch (NumberFormatException e) {
            log.debug("ignoring a malformed rate-limit broadcast");
        }
    }

    /** Writes the states changed since the last flush; a failed write is retried at the next one. */
    void flush() {
        Map<Long, String> batch = new HashMap<>();
        for (Long id : Set.copyOf(unsaved)) {
            unsaved.remove(id);
            RateLimitWindows windows = byAccount.get(id);
            if (windows != null) {
                batch.put(id, windows.toJson());
            }
        }
        try {
            store.save(batch);
        } catch (RuntimeException e) {
            unsaved.addAll(batch.keySet());
            log.warn("could not save the rate-limit state of {} accounts: {}", batch.size(), e.toString());
        }
    }

    @Override
    public void close() {
        subscription.close();
        timer.shutdownNow();
        flush();
    }
}
