package dev.relaypool.server.gateway.openai;

import dev.relaypool.server.gateway.Dialect;
import dev.relaypool.server.gateway.GatewayError;
import dev.relaypool.server.gateway.streaming.JsonUsage;
import dev.relaypool.server.gateway.streaming.SseEvent;
import dev.relaypool.server.gateway.streaming.UsageTap;
import java.nio.charset.StandardCharsets;

/** OpenAI Chat Completions: a broken stream ends with a {@code data: {"error":{...}}} chunk and no {@code [DONE]}. */
public final class OpenAiChatDialect implements Dialect {
    @Override
    public int status(GatewayError error) {
        return OpenAiErrors.status(error);
    }

    @Override
    public byte[] errorBody(GatewayError error, String message) {
        return OpenAiErrors.envelope(error, message).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] streamError(GatewayError error, String message) {
        return ("data: " + OpenAiErrors.envelope(error, message) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public UsageTap newUsageTap() {
        return new OpenAiChatUsageTap();
    }

    /** The chunk {@code stream_options.include_usage} adds: no choices, a usage object. */
    @Override
    public boolean isUsageOnly(SseEvent event) {
        if (!event.contains("\"usage\"")) {
            return false;
        }
        return JsonUsage.parse(event.data())
                .filter(root -> root.path("usage").isObject())
                .map(root -> root.path("choices").isArray() && root.path("choices").isEmpty())
                .orElse(false);
    }
}
