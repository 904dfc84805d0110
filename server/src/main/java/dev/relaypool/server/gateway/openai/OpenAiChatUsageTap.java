package dev.relaypool.server.gateway.openai;

import static dev.relaypool.server.gateway.streaming.JsonUsage.count;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaypool.server.gateway.streaming.JsonUsage;
import dev.relaypool.server.gateway.streaming.SseEvent;
import dev.relaypool.server.gateway.streaming.UsageTap;
import dev.relaypool.server.usage.ProviderUsage;
import dev.relaypool.server.usage.TokenUsage;

/**
 * Usage from the final chunk that carries {@code usage} (sent when the client asked for
 * {@code stream_options.include_usage}); {@code prompt_tokens} includes cached tokens, which are split out.
 */
final class OpenAiChatUsageTap implements UsageTap {
    private TokenUsage usage = TokenUsage.NONE;
    private boolean sawEnd;

    @Override
    public void onEvent(SseEvent event) {
        String data = event.data();
        if (data.equals("[DONE]")) {
            sawEnd = true;
            return;
        }
        if (event.contains("\"usage\"") || event.contains("\"error\"")) {
            JsonUsage.parse(data).ifPresent(root -> {
                if (root.has("error")) {
                    sawEnd = true; // the upstream's own in-band error already tells the client
                }
                apply(root.get("usage"));
            });
        }
    }

    @Override
    public void onBody(byte[] body) {
        JsonUsage.parse(body).ifPresent(root -> apply(root.get("usage")));
        sawEnd = true;
    }

    private void apply(JsonNode node) {
        if (node == null || !node.isObject()) {
            return;
        }
        usage = ProviderUsage.fromOpenAi(count(node, "prompt_tokens", 0),
                count(node.get("prompt_tokens_details"), "cached_tokens", 0), count(node, "completion_tokens", 0));
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
