package dev.relaypool.model.admin;

import dev.relaypool.model.Platform;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Set;

/**
 * {@code POST /admin/groups} and {@code PUT /admin/groups/{id}} (the whole group). Defaults: billing {@code balance},
 * multiplier 1, not exclusive, status {@code active}; a null limit = no limit.
 */
public record GroupRequest(String name, String description, Platform platform, String billingType,
                           BigDecimal rateMultiplier, Boolean exclusive, BigDecimal dailyLimitUsd,
                           BigDecimal weeklyLimitUsd, BigDecimal monthlyLimitUsd, Integer rpmLimit, Long tpmLimit,
                           String status) {
    public GroupRequest {
        name = Checks.required(name, "name");
        description = Checks.orEmpty(description);
        Objects.requireNonNull(platform, "platform is required");
        billingType = billingType == null ? "balance"
                : Checks.oneOf(billingType, "billingType", Set.of("balance", "subscription"));
        rateMultiplier = rateMultiplier == null ? BigDecimal.ONE : rateMultiplier;
        Checks.notNegative(rateMultiplier, "rateMultiplier");
        exclusive = exclusive != null && exclusive;
        Checks.notNegative(dailyLimitUsd, "dailyLimitUsd");
        Checks.notNegative(weeklyLimitUsd, "weeklyLimitUsd");
        Checks.notNegative(monthlyLimitUsd, "monthlyLimitUsd");
        Checks.positive(rpmLimit, "rpmLimit");
        Checks.positive(tpmLimit, "tpmLimit");
        status = status == null ? "active" : Checks.oneOf(status, "status", Set.of("active", "disabled"));
    }
}
