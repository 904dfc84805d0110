package dev.relaypool.model.member;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/** {@code GET /balance}: the balance (USD) and the progress of every active subscription. */
public record BalanceView(BigDecimal balance, List<SubscriptionProgress> subscriptions) {
    public BalanceView {
        Objects.requireNonNull(balance, "balance");
        subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
    }
}
