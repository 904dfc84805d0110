package dev.relaypool.model.member;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A relay API key as listed: its {@code prefix}, never the key. {@code status}: active, disabled or revoked.
 * {@code quotaUsd} null = no quota. {@code ipAllow}/{@code ipDeny}: the client address lists (see {@link KeyIpRules}).
 */
public record KeyView(long id, long userId, long groupId, String groupName, String name, String prefix, String status,
                      Instant expiresAt, BigDecimal quotaUsd, BigDecimal usedUsd, Instant lastUsedAt,
                      Instant createdAt, List<String> ipAllow, List<String> ipDeny) {
    public KeyView {
        ipAllow = ipAllow == null ? List.of() : List.copyOf(ipAllow);
        ipDeny = ipDeny == null ? List.of() : List.copyOf(ipDeny);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(usedUsd, "usedUsd");
        groupName = groupName == null ? "" : groupName;
    }

    /** Without address lists. */
    public KeyView(long id, long userId, long groupId, String groupName, String name, String prefix, String status,
                   Instant expiresAt, BigDecimal quotaUsd, BigDecimal usedUsd, Instant lastUsedAt, Instant createdAt) {
        this(id, userId, groupId, groupName, name, prefix, status, expiresAt, quotaUsd, usedUsd, lastUsedAt, createdAt,
                List.of(), List.of());
    }
}
