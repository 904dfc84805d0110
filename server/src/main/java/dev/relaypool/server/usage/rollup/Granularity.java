package dev.relaypool.server.usage.rollup;

import dev.relaypool.server.members.Problems;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The time resolution of a rollup row: a UTC minute, hour or day (the {@code bucket} query parameter). */
public enum Granularity {
    MINUTE(ChronoUnit.MINUTES, Duration.ofHours(1)),
    HOUR(ChronoUnit.HOURS, Duration.ofDays(1)),
    DAY(ChronoUnit.DAYS, Duration.ofDays(30));

    private final ChronoUnit unit;
    private final Duration defaultWindow;

    Granularity(ChronoUnit unit, Duration defaultWindow) {
        this.unit = unit;
        this.defaultWindow = defaultWindow;
    }

    /** The window a series covers when the query names no {@code from}. */
    public Duration defaultWindow() {
        return defaultWindow;
    }

    public Duration length() {
        return unit.getDuration();
    }

    /** The start of the bucket holding {@code time}. */
    public Instant truncate(Instant time) {
        return time.truncatedTo(unit);
    }

    /** The value of the {@code granularity} column. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code minute}, {@code hour} or {@code day}; anything else is the caller's mistake (400). */
    public static Granularity parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("bucket must be minute, hour or day");
        }
    }
}
