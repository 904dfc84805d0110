package dev.relaypool.server.limits;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** How amounts and reset times read in refusal messages: "$12.50", "at 2026-07-24T15:00:00Z (in 3h 12m)". */
final class Wording {
    private Wording() {}

    static String usd(BigDecimal amount) {
        BigDecimal shown = amount.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
        return "$" + (shown.scale() < 2 ? shown.setScale(2, RoundingMode.UNNECESSARY) : shown).toPlainString();
    }

    static String at(Instant when, Instant now) {
        return "at " + when.truncatedTo(ChronoUnit.SECONDS) + " (in " + span(Duration.between(now, when)) + ")";
    }

    /** "2d 3h", "3h 12m", "4m 10s", "9s"; never less than one second. */
    static String span(Duration d) {
        long seconds = Math.max(1, d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0));
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        return minutes > 0 ? minutes + "m " + seconds % 60 + "s" : seconds + "s";
    }
}
