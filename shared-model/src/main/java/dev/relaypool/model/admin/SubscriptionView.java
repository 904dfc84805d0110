package dev.relaypool.model.admin;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** A user's subscription to a group. {@code status}: active, expired or cancelled. */
public record SubscriptionView(long id, long userId, long groupId, String groupName, Instant startsAt,
                               Instant expiresAt, String status, BigDecimal dailyUsageUsd, BigDecimal weeklyUsageUsd,
                               BigDecimal monthlyUsageUsd, Instant createdAt) {
    public SubscriptionView {
        Objects.requireNonNull(groupName, "groupName");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(status, "status");
    }
}
