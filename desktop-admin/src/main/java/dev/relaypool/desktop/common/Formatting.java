package dev.relaypool.desktop.common;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Small text formats shared by screens. */
public final class Formatting {
    private Formatting() {}

    /** "45 seconds", "1 minute", "3 minutes", "2 hours 5 minutes": rounded up, never "0 seconds". */
    public static String duration(Duration duration) {
        long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
        if (seconds < 60) {
            return plural(seconds, "second");
        }
        long minutes = (seconds + 59) / 60;
        if (minutes < 60) {
            return plural(minutes, "minute");
        }
        long hours = minutes / 60;
        long rest = minutes % 60;
        return rest == 0 ? plural(hours, "hour") : plural(hours, "hour") + " " + plural(rest, "minute");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    /** "$12.34"; amounts under a cent keep four places ("$0.0042") so cheap requests do not read as free. */
    public static String money(BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        BigDecimal abs = amount.abs();
        int places = abs.signum() != 0 && abs.compareTo(new BigDecimal("0.01")) < 0 ? 4 : 2;
        String text = abs.setScale(places, RoundingMode.HALF_UP).toPlainString();
        return (amount.signum() < 0 ? "-$" : "$") + text;
    }

    /** "950", "12.3k", "4.5M": token counts at a glance. */
    public static String tokens(long count) {
        if (count < 1_000) {
            return Long.toString(count);
        }
        if (count < 1_000_000) {
            return BigDecimal.valueOf(count).divide(BigDecimal.valueOf(1_000), 1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "k";
        }
        return BigDecimal.valueOf(count).divide(BigDecimal.valueOf(1_000_000), 1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "M";
    }

    /** "4:05" under an hour, "2h 03m" beyond: the time left of a cooldown. */
    public static String countdown(Duration left) {
        long seconds = Math.max(0, (left.toMillis() + 999) / 1000);
        if (seconds < 3600) {
            return "%d:%02d".formatted(seconds / 60, seconds % 60);
        }
        return "%dh %02dm".formatted(seconds / 3600, (seconds % 3600) / 60);
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** "2026-01-01 10:00:00" in the operator's zone; "" for none. */
    public static String stamp(Instant at, ZoneId zone) {
        return at == null ? "" : STAMP.format(at.atZone(zone));
    }

    public static String time(Instant at, ZoneId zone) {
        return at == null ? "" : TIME.format(at.atZone(zone));
    }
}
