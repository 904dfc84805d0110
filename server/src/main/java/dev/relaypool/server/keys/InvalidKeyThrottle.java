package dev.relaypool.server.keys;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts invalid keys presented per client address in fixed windows, in memory: past {@code limit} failures in a
 * window, further invalid attempts from that address are answered 429 until the window ends. Only failures count
 * and only failures are refused, so a valid key from the same address (a NAT shared with an attacker) keeps
 * working. Per node on purpose: no database or Redis round trip on the hot path; a cluster of n nodes lets at most
 * n times the limit through.
 */
public final class InvalidKeyThrottle {
    /** {@code limit} 0 turns the throttle off. */
    public record Settings(int limit, Duration window) {
        public static final Settings OFF = new Settings(0, Duration.ofMinutes(1));

        public Settings {
            if (limit < 0 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("the invalid-key limit must be >= 0 and its window positive");
            }
        }
    }

    /** Addresses remembered at most; beyond, the table is cleared (an attacker with that many addresses wins a window). */
    private static final int MAX_ADDRESSES = 100_000;

    private record Window(long startMillis, int failures) {}

    private final Settings settings;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public InvalidKeyThrottle(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** How long {@code address} must wait before an invalid key is looked up again; empty when it may try now. */
    public Optional<Duration> blocked(String address) {
        if (settings.limit() == 0 || address == null) {
            return Optional.empty();
        }
        Window window = windows.get(address);
        long now = clock.millis();
        long end = window == null ? now : window.startMillis + settings.window().toMillis();
        if (window == null || end <= now || window.failures < settings.limit()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(end - now));
    }

    /** Counts one invalid key from {@code address}. */
    public void failed(String address) {
        if (settings.limit() == 0 || address == null) {
            return;
        }
        if (windows.size() >= MAX_ADDRESSES) {
            windows.clear();
        }
        long now = clock.millis();
        long length = settings.window().toMillis();
        windows.compute(address, (ignored, window) -> window == null || window.startMillis + length <= now
                ? new Window(now, 1) : new Window(window.startMillis, window.failures + 1));
    }
}
