package dev.relaypool.model.admin;

import java.math.BigDecimal;
import java.util.Objects;

/** Usage of one member over a period ({@code GET /admin/usage/users}), costliest first. */
public record UserUsage(long userId, String email, long requests, long inputTokens, long outputTokens,
                        long cacheWriteTokens, long cacheReadTokens, BigDecimal cost) {
    public UserUsage {
        email = email == null ? "" : email;
        Objects.requireNonNull(cost, "cost");
    }
}
