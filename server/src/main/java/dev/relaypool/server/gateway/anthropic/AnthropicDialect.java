package dev.relaypool.server.gateway.anthropic;

import static dev.relaypool.server.gateway.streaming.JsonUsage.quote;

import dev.relaypool.server.gateway.Dialect;
import dev.relaypool.server.gateway.GatewayError;
import dev.relaypool.server.gateway.streaming.UsageTap;
import java.nio.charset.StandardCharsets;

/** The Anthropic Messages API: {@code {"type":"error","error":{"type","message"}}} and {@code event: error}. */
public final class AnthropicDialect implements Dialect {
    @Override
    public byte[] errorBody(GatewayError error, String message) {
        return envelope(error, message).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] streamError(GatewayError error, String message) {
        return ("event: error\ndata: " + envelope(error, message) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public UsageTap newUsageTap() {
        return new AnthropicUsageTap();
    }

    private static String envelope(GatewayError error, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type(error) + "\",\"message\":" + quote(message) + "}}";
    }

    static String type(GatewayError error) {
        return switch (error.category()) {
            case INVALID_REQUEST -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case PERMISSION -> "permission_error";
            case NOT_FOUND -> "not_found_error";
            case TOO_LARGE -> "request_too_large";
            case RATE_LIMIT -> "rate_limit_error";
            case OVERLOADED -> "overloaded_error";
            case TIMEOUT -> "timeout_error";
            case UNAVAILABLE, INTERNAL -> "api_error";
        };
    }
}
