package dev.relaypool.server.usage;

import dev.relaypool.model.Platform;
import java.time.Instant;
import java.util.Objects;

/**
 * What one client request used, as the gateway observed it: one record per client request (the attempt that
 * answered, after any failover), handed to the billing side. {@code accountId} is null when no account answered.
 * {@code firstTokenMillis} is null when nothing was streamed back.
 */
public record UsageRecord(
        String requestId,
        long userId,
        long apiKeyId,
        long groupId,
        Long accountId,
        Platform platform,
        String endpoint,
        String requestedModel,
        String upstreamModel,
        boolean stream,
        int statusCode,
        TokenUsage tokens,
        long durationMillis,
        Long firstTokenMillis,
        String errorClass,
        String clientIp,
        String userAgent,
        Instant createdAt) {

    public UsageRecord {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(createdAt, "createdAt");
        if (requestId.isBlank()) {
            throw new IllegalArgumentException("requestId must not be blank");
        }
    }

    /** An answered request is one an upstream account answered successfully; only those are charged. */
    public boolean answered() {
        return accountId != null && statusCode >= 200 && statusCode < 300;
    }
}
