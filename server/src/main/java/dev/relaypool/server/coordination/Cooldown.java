package dev.relaypool.server.coordination;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * An upstream account that the scheduler must skip until {@code until}. Kept to the millisecond and with a
 * one-line reason of at most 200 characters, exactly what the Redis store can hold, so both stores agree.
 */
public record Cooldown(long accountId, Instant until, String reason) {
    public Cooldown {
        until = Objects.requireNonNull(until, "until").truncatedTo(ChronoUnit.MILLIS);
        reason = reason == null ? "" : reason.replaceAll("[\\t\\r\\n]", " ");
        reason = reason.length() <= 200 ? reason : reason.substring(0, 200);
    }
}
