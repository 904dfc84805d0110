package dev.relaypool.desktop.common;

import dev.relaypool.model.admin.AccountWindows;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A provider's 5-hour window as a bar shows it: the share used (0..1, after its reset it reads as empty again) and
 * words such as "42% used, resets in 1h 35m" (or, in a table cell, "42% · 1h 35m"). Shared by the accounts table and the dashboard's account health.
 */
public record RateWindow(double used, String label, String compact, boolean warning) {
    /** Empty when the account reported no window (API-key accounts, other providers). */
    public static Optional<RateWindow> of(AccountWindows.Window window, Instant now) {
        if (window == null) {
            return Optional.empty();
        }
        boolean reset = window.resetsAt() != null && !window.resetsAt().isAfter(now);
        double used = reset || window.utilization() == null ? 0 : Math.clamp(window.utilization(), 0, 1);
        String share = reset ? "reset" : window.utilization() == null ? statusWords(window.status())
                : Math.round(used * 100) + "% used";
        String resets = reset || window.resetsAt() == null ? ""
                : ", resets in " + Formatting.countdown(Duration.between(now, window.resetsAt()));
        boolean warning = !reset && !"allowed".equals(window.status());
        String compact = reset ? "reset" : (window.utilization() == null ? statusWords(window.status()) : Math.round(used * 100) + "%")
                + (window.resetsAt() == null ? "" : " · " + Formatting.countdown(Duration.between(now, window.resetsAt())));
        return Optional.of(new RateWindow(used, share + resets, compact, warning));
    }

    private static String statusWords(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "allowed" -> "open";
            case "allowed_warning" -> "nearly used up";
            case "rejected" -> "used up";
            default -> status;
        };
    }
}
