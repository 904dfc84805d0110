package dev.relaypool.server.gateway.openai;

import static dev.relaypool.server.gateway.streaming.JsonUsage.quote;

import dev.relaypool.server.gateway.Dialect;
import dev.relaypool.server.gateway.GatewayError;
import dev.relaypool.server.gateway.streaming.UsageTap;
import java.nio.charset.StandardCharsets;

/**
 * OpenAI Responses: a broken stream ends with {@code event: error} and {@code event: response.failed}, so both
 * the SDKs (which raise on {@code error}) and Codex (which waits for a terminal {@code response.*}) see a failure.
 */
public final class OpenAiResponsesDialect implements Dialect {
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
        String quoted = quote(message);
        return ("event: error\ndata: {\"type\":\"error\",\"code\":\"" + error.code() + "\",\"message\":" + quoted
                + ",\"param\":null}\n\n"
                + "event: response.failed\ndata: {\"type\":\"response.failed\",\"response\":{\"object\":\"response\","
                + "\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":" + quoted + "}}}\n\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public UsageTap newUsageTap() {
        return new OpenAiResponsesUsageTap();
    }
}
