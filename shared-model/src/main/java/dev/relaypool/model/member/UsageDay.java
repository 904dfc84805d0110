package dev.relaypool.model.member;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** One UTC day of {@code GET /usage/daily}: requests, tokens and charged cost (USD). */
public record UsageDay(LocalDate day, long requests, long inputTokens, long outputTokens, long cacheWriteTokens,
                       long cacheReadTokens, BigDecimal cost) {
    public UsageDay {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(cost, "cost");
    }
}
