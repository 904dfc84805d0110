package dev.relaypool.server.coordination.local;

import dev.relaypool.server.coordination.Arguments;
import dev.relaypool.server.coordination.RateDecision;
import dev.relaypool.server.coordination.RateWindows;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Rate windows in memory, one {@link SlidingWindow} per (key, window length). Every operation runs under one lock
 * (each takes well under a microsecond), so {@link #tryConsumeAll} decides and counts as one step.
 */
final class LocalRateWindows implements RateWindows {
    /** Every this many writes, windows that emptied are dropped so idle keys do not pile up. */
    private static final long SWEEP_EVERY = 4096;

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, SlidingWindow> windows = new HashMap<>();
    private long writes;

    LocalRateWindows(Clock clock) {
        this.clock = clock;
    }

    @Override
    public RateDecision tryConsume(String key, long amount, long limit, Duration window) {
        Optional<Refusal> refusal = tryConsumeAll(List.of(new Consume(key, amount, limit, window)));
        return refusal.isPresent() ? refusal.get().limited() : new RateDecision.Allowed();
    }

    @Override
    public Optional<Refusal> tryConsumeAll(List<Consume> checks) {
        for (Consume check : checks) {
            Arguments.notNegative(check.amount(), "amount");
            Arguments.positive(check.window(), "window");
        }
        lock.lock();
        try {
            long now = clock.millis();
            List<SlidingWindow> found = new ArrayList<>(checks.size());
            for (int i = 0; i < checks.size(); i++) {
                Consume check = checks.get(i);
                SlidingWindow w = windows.computeIfAbsent(id(check.key(), check.window()),
                        id -> new SlidingWindow(check.window()));
                if (w.check(now, check.amount(), check.limit()) instanceof RateDecision.Limited limited) {
                    return Optional.of(new Refusal(i, limited));
                }
                found.add(w);
            }
            for (int i = 0; i < checks.size(); i++) {
                found.get(i).add(now, checks.get(i).amount());
            }
            sweepNowAndThen(now);
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void add(String key, long amount, Duration window) {
        addAll(List.of(key), amount, window);
    }

    @Override
    public long current(String key, Duration window) {
        lock.lock();
        try {
            SlidingWindow existing = windows.get(id(key, window));
            return existing == null ? 0 : existing.current(clock.millis());
        } finally {
            lock.unlock();
        }
    }

    private static String id(String key, Duration window) {
        return Arguments.positive(window, "window").toMillis() + "|" + Arguments.key(key);
    }

    private void sweepNowAndThen(long now) {
        if (++writes % SWEEP_EVERY == 0) {
            windows.values().removeIf(w -> w.isEmpty(now));
        }
    }
}
