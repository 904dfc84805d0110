package dev.relaypool.model.admin;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/** {@code POST /admin/redeem-codes}: {@code count} (1-1000) codes of one kind, as one batch. */
public record RedeemGenerateRequest(String type, BigDecimal value, Integer count, Long groupId, Integer validityDays,
                                    Instant expiresAt, String notes) {
    public RedeemGenerateRequest {
        type = Checks.oneOf(Checks.required(type, "type"), "type", Set.of("balance", "subscription", "concurrency"));
        value = value == null && type.equals("subscription") ? BigDecimal.ONE : value;
        if (value == null || value.signum() <= 0) {
            throw new IllegalArgumentException("value must be positive");
        }
        count = count == null ? 1 : count;
        if (count < 1 || count > 1000) {
            throw new IllegalArgumentException("count must be 1-1000");
        }
        if (type.equals("subscription") && (groupId == null || validityDays == null)) {
            throw new IllegalArgumentException("a subscription code needs groupId and validityDays");
        }
        Checks.positive(validityDays, "validityDays");
        notes = Checks.orEmpty(notes);
    }
}
