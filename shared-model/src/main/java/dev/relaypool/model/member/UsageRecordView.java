package dev.relaypool.model.member;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One relayed request. {@code cost} is what was charged (USD). {@code accountId} is shown to admins only (null in
 * member answers); {@code ttftMs} is null for non-streamed answers.
 */
public record UsageRecordView(long id, String requestId, Instant createdAt, long userId, long keyId, long groupId,
                              Long accountId, String platform, String endpoint, String model, boolean stream,
                              int status, long inputTokens, long outputTokens, long cacheWrite5mTokens,
                              long cacheWrite1hTokens, long cacheReadTokens, BigDecimal totalCost, BigDecimal cost,
                              long durationMs, Long ttftMs, String errorClass) {
    public UsageRecordView {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(totalCost, "totalCost");
    }
}
