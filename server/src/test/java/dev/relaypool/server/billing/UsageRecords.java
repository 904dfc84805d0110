package dev.relaypool.server.billing;

import dev.relaypool.model.Platform;
import dev.relaypool.server.usage.TokenUsage;
import dev.relaypool.server.usage.UsageRecord;
import java.time.Instant;

/** Test records: one answered Anthropic request per id. */
final class UsageRecords {
    private UsageRecords() {}

    static UsageRecord answered(String requestId) {
        return new UsageRecord(requestId, 7, 11, 3, 5L, Platform.ANTHROPIC, "/v1/messages", "claude-sonnet-4-5",
                "claude-sonnet-4-5-20250929", true, 200, new TokenUsage(1200, 300, 40, 0, 9000), 1834, 212L, null,
                "127.0.0.1", "claude-cli/2.0", Instant.parse("2026-07-24T10:15:30.123456Z"));
    }
}
