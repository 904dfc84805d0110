package dev.relaypool.model.member;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@code POST /keys} (own) and {@code POST /admin/users/{id}/keys}: a key for one group; quota, expiry and client
 * address lists optional. {@code ipAllow}/{@code ipDeny}: IPv4/IPv6 addresses or CIDR ranges; when the allow list
 * is not empty only addresses in it may use the key, and an address in the deny list never may.
 */
public record KeyCreateRequest(String name, Long groupId, Instant expiresAt, BigDecimal quotaUsd, List<String> ipAllow,
                               List<String> ipDeny) {
    public KeyCreateRequest {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        name = name.strip();
        if (name.length() > 100) {
            throw new IllegalArgumentException("name must be at most 100 characters");
        }
        Objects.requireNonNull(groupId, "groupId is required");
        if (quotaUsd != null && quotaUsd.signum() < 0) {
            throw new IllegalArgumentException("quotaUsd must not be negative");
        }
        ipAllow = KeyIpRules.entries(ipAllow);
        ipDeny = KeyIpRules.entries(ipDeny);
    }

    /** Without address lists. */
    public KeyCreateRequest(String name, Long groupId, Instant expiresAt, BigDecimal quotaUsd) {
        this(name, groupId, expiresAt, quotaUsd, List.of(), List.of());
    }
}
