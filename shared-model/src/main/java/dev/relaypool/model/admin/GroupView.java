package dev.relaypool.model.admin;

import dev.relaypool.model.Platform;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** A group: the platform, how its use is paid ({@code balance} or {@code subscription}), multiplier and limits. */
public record GroupView(long id, String name, String description, Platform platform, String billingType,
                        BigDecimal rateMultiplier, boolean exclusive, BigDecimal dailyLimitUsd,
                        BigDecimal weeklyLimitUsd, BigDecimal monthlyLimitUsd, Integer rpmLimit, Long tpmLimit,
                        String status, int accountCount, Instant createdAt) {
    public GroupView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(billingType, "billingType");
        Objects.requireNonNull(rateMultiplier, "rateMultiplier");
        Objects.requireNonNull(status, "status");
        description = Checks.orEmpty(description);
    }
}
