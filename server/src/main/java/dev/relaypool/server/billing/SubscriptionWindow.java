package dev.relaypool.server.billing;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One spending window of a subscription (daily, weekly or monthly). A window opens at the first charged use after
 * the previous one ended and lasts exactly its period (24 h, 7 d, 30 d): rolling from first use, not calendar
 * aligned, so that a member who starts at 23:00 gets a whole day, and no time zone has to be chosen.
 *
 * @param start null when the window has never been opened
 */
public record SubscriptionWindow(Instant start, BigDecimal usage) {
    /** The three windows and their lengths. */
    public enum Period {
        DAILY("daily", Duration.ofHours(24)), WEEKLY("weekly", Duration.ofDays(7)), MONTHLY("monthly", Duration.ofDays(30));

        private final String label;
        private final Duration length;

        Period(String label, Duration length) {
            this.label = label;
            this.length = length;
        }

        public String label() { return label; }

        public Duration length() { return length; }
    }

    public SubscriptionWindow {
        Objects.requireNonNull(usage, "usage");
    }

    public static SubscriptionWindow of(Instant start, BigDecimal usage) {
        return new SubscriptionWindow(start, usage == null ? BigDecimal.ZERO : usage);
    }

    /**
     * The window after charging {@code cost} for a request made at {@code at}: a new window when none is open at
     * that instant; unchanged when the request predates the open window (a late replay belongs to a window that
     * has already closed, so it must not eat into the current one).
     */
    public SubscriptionWindow charge(Instant at, BigDecimal cost, Period period) {
        if (start == null || !at.isBefore(start.plus(period.length()))) {
            return new SubscriptionWindow(at, cost);
        }
        if (at.isBefore(start)) {
            return this;
        }
        return new SubscriptionWindow(start, usage.add(cost));
    }

    /** What counts against the limit at {@code now}: zero once the window has ended. */
    public BigDecimal usageAt(Instant now, Period period) {
        return isOpenAt(now, period) ? usage : BigDecimal.ZERO;
    }

    /** When the open window ends (its usage then drops to zero); null when none is open. */
    public Instant resetsAt(Instant now, Period period) {
        return isOpenAt(now, period) ? start.plus(period.length()) : null;
    }

    private boolean isOpenAt(Instant now, Period period) {
        return start != null && now.isBefore(start.plus(period.length()));
    }
}
