package dev.relaypool.model.member;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** {@code POST /keys} (own) and {@code POST /admin/users/{id}/keys}: a key for one group; quota and expiry optional. */
public record KeyCreateRequest(String name, Long groupId, Instant expiresAt, BigDecimal quotaUsd) {
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
    }
}
