package dev.relaypool.server.coordination;

import java.time.Duration;
import java.util.Objects;

/** Outcome of {@link RateWindows#tryConsume}. */
public sealed interface RateDecision {

    record Allowed() implements RateDecision {}

    /** Nothing was counted; {@code retryAfter} (positive) is when enough of the window will have slid by. */
    record Limited(Duration retryAfter) implements RateDecision {
        public Limited {
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (retryAfter.isNegative() || retryAfter.isZero()) {
                throw new IllegalArgumentException("retryAfter must be positive: " + retryAfter);
            }
        }
    }
}
