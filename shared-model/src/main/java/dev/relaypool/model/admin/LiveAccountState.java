package dev.relaypool.model.admin;

import java.time.Instant;
import java.util.Objects;

/**
 * SSE event {@code account} of {@code GET /admin/events}: {@code change} is {@code cooldown_set} (with
 * {@code until}), {@code cooldown_cleared}, {@code error}, {@code recovered}, {@code enabled} or {@code disabled}.
 */
public record LiveAccountState(long accountId, String change, String reason, Instant until, Instant at) {
    public static final String COOLDOWN_SET = "cooldown_set";
    public static final String COOLDOWN_CLEARED = "cooldown_cleared";
    public static final String ERROR = "error";
    public static final String RECOVERED = "recovered";
    public static final String ENABLED = "enabled";
    public static final String DISABLED = "disabled";

    public LiveAccountState {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(at, "at");
        reason = reason == null ? "" : reason;
    }
}
