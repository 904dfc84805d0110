package dev.relaypool.server.gateway.gemini;

import static dev.relaypool.server.gateway.streaming.JsonUsage.quote;

import dev.relaypool.server.gateway.Dialect;
import dev.relaypool.server.gateway.GatewayError;
import dev.relaypool.server.gateway.streaming.UsageTap;
import java.nio.charset.StandardCharsets;

/** The Gemini API: Google's {@code {"error":{"code","message","status"}}}, also as the last stream event. */
public final class GeminiDialect implements Dialect {
    @Override
    public int status(GatewayError error) {
        return error.status() == 529 ? 503 : error.status();
    }

    @Override
    public byte[] errorBody(GatewayError error, String message) {
        return envelope(error, message).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] streamError(GatewayError error, String message) {
        return ("data: " + envelope(error, message) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public UsageTap newUsageTap() {
        return new GeminiUsageTap();
    }

    private String envelope(GatewayError error, String message) {
        return "{\"error\":{\"code\":" + status(error) + ",\"message\":" + quote(message) + ",\"status\":\""
                + googleStatus(error) + "\"}}";
    }

    private static String googleStatus(GatewayError error) {
        return switch (error.category()) {
            case INVALID_REQUEST, TOO_LARGE -> error == GatewayError.METHOD_NOT_ALLOWED ? "UNIMPLEMENTED" : "INVALID_ARGUMENT";
            case AUTHENTICATION -> "UNAUTHENTICATED";
            case PERMISSION -> "PERMISSION_DENIED";
            case NOT_FOUND -> "NOT_FOUND";
            case RATE_LIMIT -> "RESOURCE_EXHAUSTED";
            case OVERLOADED, UNAVAILABLE -> "UNAVAILABLE";
            case TIMEOUT -> "DEADLINE_EXCEEDED";
            case INTERNAL -> "INTERNAL";
        };
    }
}
