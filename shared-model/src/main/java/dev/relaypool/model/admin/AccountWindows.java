package dev.relaypool.model.admin;

import java.time.Instant;
import java.util.Objects;

/**
 * An account's provider rate-limit windows as its last answer reported them ({@code GET /admin/accounts/windows}):
 * the 5-hour and 7-day windows of subscription accounts; either is null when the provider did not send it.
 */
public record AccountWindows(long accountId, Window fiveHour, Window sevenDay, Instant observedAt) {
    public AccountWindows {
        Objects.requireNonNull(observedAt, "observedAt");
    }

    /** {@code status}: allowed, allowed_warning or rejected; {@code utilization} 0..1 (a ratio, not money). */
    public record Window(String status, Double utilization, Instant resetsAt) {
        public Window {
            Objects.requireNonNull(status, "status");
        }
    }
}
