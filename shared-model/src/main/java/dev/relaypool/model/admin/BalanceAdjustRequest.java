package dev.relaypool.model.admin;

import java.math.BigDecimal;
import java.util.Objects;

/** {@code POST /admin/users/{id}/balance}: add (positive) or take (negative) USD; the reason is kept in the audit log. */
public record BalanceAdjustRequest(BigDecimal amount, String reason) {
    public BalanceAdjustRequest {
        Objects.requireNonNull(amount, "amount is required");
        if (amount.signum() == 0) {
            throw new IllegalArgumentException("amount must not be zero");
        }
        if (amount.scale() > 10) {
            throw new IllegalArgumentException("amount has more than 10 decimal places");
        }
        reason = Checks.required(reason, "reason");
    }
}
