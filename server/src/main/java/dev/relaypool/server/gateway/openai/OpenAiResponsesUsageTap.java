package dev.relaypool.server.gateway.openai;

import static dev.relaypool.server.gateway.streaming.JsonUsage.count;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaypool.server.gateway.streaming.JsonUsage;
import dev.relaypool.server.gateway.streaming.SseEvent;
import dev.relaypool.server.gateway.streaming.UsageTap;
import dev.relaypool.server.usage.ProviderUsage;
import dev.relaypool.server.usage.TokenUsage;
import java.util.Set;

/** Usage from the terminal {@code response.completed} (or incomplete/failed) event; cached input split out. */
final class OpenAiResponsesUsageTap implements UsageTap {
    private static final Set<String> TERMINAL = Set.of("response.completed", "response.incomplete", "response.failed");

    private TokenUsage usage = TokenUsage.NONE;
    private boolean sawEnd;

    @Override
    public void onEvent(SseEvent event) {
        String name = event.name();
        if (name.equals("error")) {
            sawEnd = true;
            return;
        }
        boolean terminal = TERMINAL.contains(name)
                || (name.isEmpty() && event.contains("\"usage\"")); // servers that send only data lines
        if (!terminal) {
            return;
        }
        JsonUsage.parse(event.data()).ifPresent(root -> {
            if (TERMINAL.contains(root.path("type").asText())) {
                sawEnd = true;
                apply(root.path("response").get("usage"));
            }
        });
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
        usage = ProviderUsage.fromOpenAi(count(node, "input_tokens", 0),
                count(node.get("input_tokens_details"), "cached_tokens", 0), count(node, "output_tokens", 0));
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
