package dev.relaypool.desktop.session;

import java.time.Duration;
import java.util.Objects;

/** Doubling delays between reconnection attempts, capped, so a long outage costs one probe per {@code max}. */
public record Backoff(Duration initial, Duration max) {
    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + ", " + max);
        }
    }

    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /** Delay before attempt {@code attempt} (0-based). */
    public Duration delay(int attempt) {
        int doublings = Math.clamp(attempt, 0, 30);
        Duration delay = initial.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
