package dev.relaypool.model.member;

import java.math.BigDecimal;
import java.util.Objects;

/** What a redeemed code did: {@code type} balance/subscription/concurrency, its value, and the balance after. */
public record RedeemResult(String type, BigDecimal value, BigDecimal balance) {
    public RedeemResult {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(balance, "balance");
    }
}
