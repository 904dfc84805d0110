package dev.relaypool.server.coordination;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by both implementations, so they reject the same calls with the same messages. */
public final class Arguments {
    private Arguments() {}

    public static String key(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isBlank() || key.length() > 512) {
            throw new IllegalArgumentException("key must be 1-512 characters, not blank");
        }
        return key;
    }

    /** A positive duration of at least one millisecond (the resolution Redis keeps). */
    public static Duration positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.toMillis() < 1) {
            throw new IllegalArgumentException(name + " must be at least 1 ms: " + duration);
        }
        return duration;
    }

    public static Duration notNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + duration);
        }
        return duration;
    }

    public static long notNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }
}
