package dev.relaypool.server.coordination.local;

import dev.relaypool.server.coordination.Arguments;
import dev.relaypool.server.coordination.RateDecision;
import dev.relaypool.server.coordination.RateWindows;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/** Rate windows in memory, one {@link SlidingWindow} per (key, window length). */
final class LocalRateWindows implements RateWindows {
    /** Every this many writes, windows that emptied are dropped so idle keys do not pile up. */
    private static final long SWEEP_EVERY = 4096;

    private final Clock clock;
    private final ConcurrentMap<String, SlidingWindow> windows = new ConcurrentHashMap<>();
    private final AtomicLong writes = new AtomicLong();

    LocalRateWindows(Clock clock) {
        this.clock = clock;
    }

    @Override
    public RateDecision tryConsume(String key, long amount, long limit, Duration window) {
        Arguments.notNegative(amount, "amount");
        RateDecision[] decision = new RateDecision[1];
        // Every use runs inside compute, so the sweep can never drop a window between lookup and write.
        windows.compute(id(key, window), (id, existing) -> {
            SlidingWindow w = existing != null ? existing : new SlidingWindow(window);
            decision[0] = w.tryConsume(clock.millis(), amount, limit);
            return w;
        });
        sweepNowAndThen();
        return decision[0];
    }

    @Override
    public void add(String key, long amount, Duration window) {
        Arguments.notNegative(amount, "amount");
        windows.compute(id(key, window), (id, existing) -> {
            SlidingWindow w = existing != null ? existing : new SlidingWindow(window);
            w.add(clock.millis(), amount);
            return w;
        });
        sweepNowAndThen();
    }

    @Override
    public long current(String key, Duration window) {
        SlidingWindow existing = windows.get(id(key, window));
        return existing == null ? 0 : existing.current(clock.millis());
    }

    private static String id(String key, Duration window) {
        return Arguments.positive(window, "window").toMillis() + "|" + Arguments.key(key);
    }

    private void sweepNowAndThen() {
        if (writes.incrementAndGet() % SWEEP_EVERY == 0) {
            long now = clock.millis();
            for (String id : windows.keySet()) {
                windows.computeIfPresent(id, (k, w) -> w.isEmpty(now) ? null : w);
            }
        }
    }
}
