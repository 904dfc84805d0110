package dev.relaypool.server.keys;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What creating a key needs: owner, group, a name, and optional expiry and total USD quota. */
public record NewKey(long userId, long groupId, String name, Optional<Instant> expiresAt, Optional<BigDecimal> quotaUsd) {
    public NewKey {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("a key name must have 1 to 100 characters");
        }
        quotaUsd.ifPresent(q -> {
            if (q.signum() < 0) {
                throw new IllegalArgumentException("a key quota must not be negative");
            }
        });
    }

    public static NewKey named(long userId, long groupId, String name) {
        return new NewKey(userId, groupId, name, Optional.empty(), Optional.empty());
    }
}
