package dev.relaypool.server.gateway.gemini;

import static dev.relaypool.server.gateway.streaming.JsonUsage.count;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaypool.server.gateway.streaming.JsonUsage;
import dev.relaypool.server.gateway.streaming.SseEvent;
import dev.relaypool.server.gateway.streaming.UsageTap;
import dev.relaypool.server.usage.ProviderUsage;
import dev.relaypool.server.usage.TokenUsage;

/**
 * Usage from {@code usageMetadata}, which every chunk repeats with running totals: the last one wins.
 * {@code promptTokenCount} includes cached content (split out); thinking tokens are billed as output.
 */
final class GeminiUsageTap implements UsageTap {
    private TokenUsage usage = TokenUsage.NONE;
    private boolean sawEnd;

    @Override
    public void onEvent(SseEvent event) {
        boolean hasUsage = event.contains("\"usageMetadata\"");
        boolean finished = event.contains("\"finishReason\"") || event.contains("\"error\"");
        if (!hasUsage && !finished) {
            return;
        }
        JsonUsage.parse(event.data()).ifPresent(root -> {
            apply(root.get("usageMetadata"));
            if (root.has("error") || root.path("candidates").path(0).has("finishReason")) {
                sawEnd = true;
            }
        });
    }

    @Override
    public void onBody(byte[] body) {
        JsonUsage.parse(body).ifPresent(root -> {
            if (root.isArray()) { // streamGenerateContent without alt=sse: a JSON array of chunks
                root.forEach(chunk -> apply(chunk.get("usageMetadata")));
            } else {
                apply(root.get("usageMetadata"));
            }
        });
        sawEnd = true;
    }

    private void apply(JsonNode node) {
        if (node == null || !node.isObject()) {
            return;
        }
        TokenUsage reported = ProviderUsage.fromGemini(count(node, "promptTokenCount", 0),
                count(node, "cachedContentTokenCount", 0),
                count(node, "candidatesTokenCount", 0) + count(node, "thoughtsTokenCount", 0));
        // the prompt of tool calls is billed as input beside the prompt (never cached)
        usage = reported.plus(new TokenUsage(count(node, "toolUsePromptTokenCount", 0), 0, 0, 0, 0));
    }

    @Override
    public TokenUsage usage() {
        return usage;
    }

    @Override
    public boolean sawEnd() {
        return sawEnd;
    }
}
