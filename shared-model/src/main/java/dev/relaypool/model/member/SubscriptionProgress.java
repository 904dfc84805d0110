package dev.relaypool.model.member;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One active subscription: spend in the current daily/weekly/monthly windows against the group's limits (null limit
 * = none) and when each window resets (null = the window has not started).
 */
public record SubscriptionProgress(long subscriptionId, long groupId, String groupName, Instant expiresAt,
                                   BigDecimal dailyUsageUsd, BigDecimal dailyLimitUsd, Instant dailyResetsAt,
                                   BigDecimal weeklyUsageUsd, BigDecimal weeklyLimitUsd, Instant weeklyResetsAt,
                                   BigDecimal monthlyUsageUsd, BigDecimal monthlyLimitUsd, Instant monthlyResetsAt) {
    public SubscriptionProgress {
        Objects.requireNonNull(groupName, "groupName");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(dailyUsageUsd, "dailyUsageUsd");
        Objects.requireNonNull(weeklyUsageUsd, "weeklyUsageUsd");
        Objects.requireNonNull(monthlyUsageUsd, "monthlyUsageUsd");
    }
}
