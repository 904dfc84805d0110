package dev.relaypool.server.keys;

import dev.relaypool.model.Platform;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Everything the hot path needs to know about a valid key, its owner and its group, loaded in one query and cached.
 * Limits are null when not set (no limit).
 */
public record ActiveKey(
        long keyId,
        String keyPrefix,
        long userId,
        long groupId,
        String groupName,
        Platform platform,
        String billingType,
        BigDecimal groupRateMultiplier,
        BigDecimal userRateMultiplier,
        Instant expiresAt,
        BigDecimal quotaUsd,
        Integer keyConcurrencyLimit,
        Integer userConcurrencyLimit,
        Integer keyRpmLimit,
        Integer userRpmLimit,
        Integer groupRpmLimit,
        Long keyTpmLimit,
        Long userTpmLimit,
        Long groupTpmLimit,
        List<String> ipAllow,
        List<String> ipDeny) {

    public ActiveKey {
        ipAllow = List.copyOf(ipAllow);
        ipDeny = List.copyOf(ipDeny);
    }

    /** The multiplier applied to this key's costs: the per-user override when set, else the group's. */
    public BigDecimal effectiveRateMultiplier() {
        return userRateMultiplier != null ? userRateMultiplier : groupRateMultiplier;
    }
}
