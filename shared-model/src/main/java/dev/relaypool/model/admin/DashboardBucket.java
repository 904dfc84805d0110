package dev.relaypool.model.admin;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One time bucket of {@code GET /admin/usage/series?bucket=minute|hour|day} (and a member's
 * {@code GET /usage/series}): counts, tokens per bucket, charged cost (USD), errors (status >= 400) and latency /
 * time-to-first-token percentiles in ms (null without data). Percentiles come from the rollups' log-scale
 * histograms: exact to 1 ms up to 10 ms, then to within about 20 %.
 */
public record DashboardBucket(Instant start, long requests, long errors, long inputTokens, long outputTokens,
                              long cacheWriteTokens, long cacheReadTokens, BigDecimal cost, Long latencyP50Ms,
                              Long latencyP95Ms, Long latencyP99Ms, Long ttftP50Ms, Long ttftP95Ms,
                              Long latencyP90Ms, Long ttftP90Ms, Long ttftP99Ms) {
    public DashboardBucket {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(cost, "cost");
    }

    /** The bucket as it was before p90 and TTFT p99 were added (older callers). */
    public DashboardBucket(Instant start, long requests, long errors, long inputTokens, long outputTokens,
                           long cacheWriteTokens, long cacheReadTokens, BigDecimal cost, Long latencyP50Ms,
                           Long latencyP95Ms, Long latencyP99Ms, Long ttftP50Ms, Long ttftP95Ms) {
        this(start, requests, errors, inputTokens, outputTokens, cacheWriteTokens, cacheReadTokens, cost, latencyP50Ms,
                latencyP95Ms, latencyP99Ms, ttftP50Ms, ttftP95Ms, null, null, null);
    }
}
