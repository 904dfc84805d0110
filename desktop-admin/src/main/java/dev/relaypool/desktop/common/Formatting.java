package dev.relaypool.desktop.common;

import java.time.Duration;

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
}
