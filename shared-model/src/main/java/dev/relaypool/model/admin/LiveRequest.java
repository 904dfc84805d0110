package dev.relaypool.model.admin;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * SSE event {@code request} of {@code GET /admin/events}: a relayed request finished. {@code cost} is what the
 * member was charged (USD); {@code ttftMs} is null for non-streamed answers.
 */
public record LiveRequest(String requestId, long userId, long keyId, long groupId, Long accountId, String model,
                          String platform, int status, long inputTokens, long outputTokens, long cacheWriteTokens,
                          long cacheReadTokens, BigDecimal cost, long latencyMs, Long ttftMs, Instant at) {
    public LiveRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(at, "at");
    }
}
