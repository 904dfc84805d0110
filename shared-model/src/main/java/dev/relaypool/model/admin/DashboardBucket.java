package dev.relaypool.model.admin;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One time bucket of {@code GET /admin/usage/series?bucket=minute|hour|day}: counts, tokens per bucket, charged
 * cost (USD), errors (status >= 400) and latency / time-to-first-token percentiles in ms (null without data).
 */
public record DashboardBucket(Instant start, long requests, long errors, long inputTokens, long outputTokens,
                              long cacheWriteTokens, long cacheReadTokens, BigDecimal cost, Long latencyP50Ms,
                              Long latencyP95Ms, Long latencyP99Ms, Long ttftP50Ms, Long ttftP95Ms) {
    public DashboardBucket {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(cost, "cost");
    }
}
