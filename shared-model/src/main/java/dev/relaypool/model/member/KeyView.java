package dev.relaypool.model.member;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A relay API key as listed: its {@code prefix}, never the key. {@code status}: active, disabled or revoked.
 * {@code quotaUsd} null = no quota.
 */
public record KeyView(long id, long userId, long groupId, String groupName, String name, String prefix, String status,
                      Instant expiresAt, BigDecimal quotaUsd, BigDecimal usedUsd, Instant lastUsedAt,
                      Instant createdAt) {
    public KeyView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(usedUsd, "usedUsd");
        groupName = groupName == null ? "" : groupName;
    }
}
