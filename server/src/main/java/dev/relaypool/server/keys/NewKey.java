package dev.relaypool.server.keys;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What creating a key needs: owner, group, a name, and optional expiry, total USD quota and client address lists
 * (validated: {@link IpRules#problems}).
 */
public record NewKey(long userId, long groupId, String name, Optional<Instant> expiresAt, Optional<BigDecimal> quotaUsd,
                     List<String> ipAllow, List<String> ipDeny) {
    public NewKey {
        ipAllow = List.copyOf(ipAllow);
        ipDeny = List.copyOf(ipDeny);
        List<String> problems = new java.util.ArrayList<>(IpRules.problems("ipAllow", ipAllow));
        problems.addAll(IpRules.problems("ipDeny", ipDeny));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
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

    public NewKey(long userId, long groupId, String name, Optional<Instant> expiresAt, Optional<BigDecimal> quotaUsd) {
        this(userId, groupId, name, expiresAt, quotaUsd, List.of(), List.of());
    }

    public static NewKey named(long userId, long groupId, String name) {
        return new NewKey(userId, groupId, name, Optional.empty(), Optional.empty());
    }
}
