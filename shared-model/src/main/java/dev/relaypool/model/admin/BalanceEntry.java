package dev.relaypool.model.admin;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** One row of a user's balance ledger. {@code reason}: usage, redeem, admin_adjust, refund or bonus. */
public record BalanceEntry(long id, long userId, BigDecimal amount, BigDecimal balanceAfter, String reason, String ref,
                           Instant createdAt) {
    public BalanceEntry {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(balanceAfter, "balanceAfter");
        Objects.requireNonNull(reason, "reason");
    }
}
