package dev.relaypool.model.admin;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** A redeem code. {@code type}: balance (value USD), subscription (groupId, validityDays) or concurrency (slots). */
public record RedeemCodeView(long id, String code, String type, BigDecimal value, Long groupId, Integer validityDays,
                             String status, Long usedBy, Instant usedAt, Instant expiresAt, String batchId,
                             String notes, Instant createdAt) {
    public RedeemCodeView {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(status, "status");
        notes = notes == null ? "" : notes;
    }
}
