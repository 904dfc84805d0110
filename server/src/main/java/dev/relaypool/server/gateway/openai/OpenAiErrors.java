package dev.relaypool.server.gateway.openai;

import static dev.relaypool.server.gateway.streaming.JsonUsage.quote;

import dev.relaypool.server.gateway.GatewayError;

/** The OpenAI error envelope {@code {"error":{"message","type","param","code"}}}, shared by Chat and Responses. */
final class OpenAiErrors {
    private OpenAiErrors() {}

    /** OpenAI has no 529; its SDKs retry any 5xx, so overload is a 503. */
    static int status(GatewayError error) {
        return error.status() == 529 ? 503 : error.status();
    }

    static String errorObject(GatewayError error, String message) {
        return "{\"message\":" + quote(message) + ",\"type\":\"" + type(error) + "\",\"param\":null,\"code\":\""
                + error.code() + "\"}";
    }

    static String envelope(GatewayError error, String message) {
        return "{\"error\":" + errorObject(error, message) + "}";
    }

    private static String type(GatewayError error) {
        if (error == GatewayError.QUOTA_EXCEEDED) {
            return "insufficient_quota";
        }
        return switch (error.category()) {
            case INVALID_REQUEST, NOT_FOUND, TOO_LARGE -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case PERMISSION -> "permission_error";
            case RATE_LIMIT -> "rate_limit_error";
            case OVERLOADED, UNAVAILABLE, TIMEOUT, INTERNAL -> "server_error";
        };
    }
}
