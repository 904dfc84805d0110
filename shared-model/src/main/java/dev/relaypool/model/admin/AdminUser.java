package dev.relaypool.model.admin;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** A user as the admin sees them. A null limit means "no limit". {@code balance} is in USD. */
public record AdminUser(long id, String email, String displayName, String role, String status, BigDecimal balance,
                        Integer concurrencyLimit, Integer rpmLimit, Long tpmLimit, String notes, boolean totpEnabled,
                        Instant lastLoginAt, Instant createdAt) {
    public AdminUser {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(balance, "balance");
        displayName = Checks.orEmpty(displayName);
        notes = notes == null ? "" : notes;
    }
}
