package dev.relaypool.model.admin;

import java.util.Objects;

/** {@code POST /admin/subscriptions}: give a user {@code days} of a subscription group (extends an active one). */
public record SubscriptionAssignRequest(Long userId, Long groupId, Integer days) {
    public SubscriptionAssignRequest {
        Objects.requireNonNull(userId, "userId is required");
        Objects.requireNonNull(groupId, "groupId is required");
        Objects.requireNonNull(days, "days is required");
        if (days < 1 || days > 3660) {
            throw new IllegalArgumentException("days must be 1-3660");
        }
    }
}
