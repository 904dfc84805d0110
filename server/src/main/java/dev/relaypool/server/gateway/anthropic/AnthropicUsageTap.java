package dev.relaypool.server.gateway.anthropic;

import static dev.relaypool.server.gateway.streaming.JsonUsage.count;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaypool.server.gateway.streaming.JsonUsage;
import dev.relaypool.server.gateway.streaming.SseEvent;
import dev.relaypool.server.gateway.streaming.UsageTap;
import dev.relaypool.server.usage.TokenUsage;

/**
 * Usage from {@code message_start} (input and cache buckets) and {@code message_delta} (running output count,
 * sometimes updated input/cache counts). Anthropic's buckets are already disjoint.
 */
final class AnthropicUsageTap implements UsageTap {
    private long input;
    private long output;
    private long cacheWrite5m;
    private long cacheWrite1h;
    private long cacheRead;
    private boolean sawEnd;

    @Override
    public void onEvent(SseEvent event) {
        switch (event.name()) {
            case "message_start" -> JsonUsage.parse(event.data()).ifPresent(root -> apply(root.path("message").get("usage")));
            case "message_delta" -> JsonUsage.parse(event.data()).ifPresent(root -> apply(root.get("usage")));
            case "message_stop", "error" -> sawEnd = true; // an upstream error event already tells the client
            default -> { }
        }
    }

    @Override
    public void onBody(byte[] body) {
        JsonUsage.parse(body).ifPresent(root -> apply(root.get("usage")));
        sawEnd = true;
    }

    private void apply(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return;
        }
        input = count(usage, "input_tokens", input);
        output = count(usage, "output_tokens", output);
        cacheRead = count(usage, "cache_read_input_tokens", cacheRead);
        JsonNode creation = usage.get("cache_creation");
        if (creation != null && creation.isObject()) {
            cacheWrite5m = count(creation, "ephemeral_5m_input_tokens", cacheWrite5m);
            cacheWrite1h = count(creation, "ephemeral_1h_input_tokens", cacheWrite1h);
        } else {
            // older answers only give the total, written with the default 5-minute lifetime
            cacheWrite5m = count(usage, "cache_creation_input_tokens", cacheWrite5m);
        }
    }

    @Override
    public TokenUsage usage() {
        return new TokenUsage(input, output, cacheWrite5m, cacheWrite1h, cacheRead);
    }

    @Override
    public boolean sawEnd() {
        return sawEnd;
    }
}
