package dev.relaypool.server.limits;

import dev.relaypool.server.billing.SubscriptionWindow;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a key's owner has spent and may spend, as read from PostgreSQL (and cached a few seconds): the balance, the
 * key's lifetime use, its rolling USD windows and the group's subscription limits and windows. Null limits mean none.
 *
 * @param subscription null when the member has no active subscription in the key's group
 */
record SpendingState(BigDecimal balance, BigDecimal keyUsedUsd, List<Rolling> keyWindows,
                     BigDecimal dailyLimit, BigDecimal weeklyLimit, BigDecimal monthlyLimit,
                     Subscription subscription) {

    SpendingState {
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(keyUsedUsd, "keyUsedUsd");
        keyWindows = List.copyOf(keyWindows);
    }

    /**
     * One rolling USD window of the key (5 h, 1 d, 7 d): the sum of actual_cost of the key's usage rows newer than
     * {@code length}. {@code freesAt} is set when the limit is reached: the instant enough of the oldest rows will
     * have slid out for the sum to drop below the limit.
     */
    record Rolling(String label, Duration length, BigDecimal limit, BigDecimal spent, Instant freesAt) {
        Rolling {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(length, "length");
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(spent, "spent");
        }

        boolean reached() {
            return spent.compareTo(limit) >= 0;
        }
    }

    /** The member's active subscription in the key's group. */
    record Subscription(Instant expiresAt, SubscriptionWindow daily, SubscriptionWindow weekly,
                        SubscriptionWindow monthly) {
        Subscription {
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(daily, "daily");
            Objects.requireNonNull(weekly, "weekly");
            Objects.requireNonNull(monthly, "monthly");
        }
    }
}
