package dev.relaypool.model.admin;

import java.util.Objects;

/** {@code POST /admin/subscriptions/{id}/extend}: move the end by {@code days} (negative shortens). */
public record SubscriptionExtendRequest(Integer days) {
    public SubscriptionExtendRequest {
        Objects.requireNonNull(days, "days is required");
        if (days == 0 || Math.abs(days) > 3660) {
            throw new IllegalArgumentException("days must be non-zero, at most 3660 either way");
        }
    }
}
