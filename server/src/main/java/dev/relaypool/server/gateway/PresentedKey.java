package dev.relaypool.server.gateway;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.Deque;
import java.util.Optional;

/**
 * Finds the Relaypool key wherever the member's client puts it: {@code x-api-key} (Anthropic SDKs),
 * {@code Authorization: Bearer} (OpenAI SDKs, Claude Code with a token), {@code x-goog-api-key} and, on the
 * Gemini paths only, {@code ?key=}. None of these ever goes upstream.
 */
final class PresentedKey {
    private PresentedKey() {}

    static Optional<String> from(HttpServerExchange exchange) {
        return header(exchange, "x-api-key")
                .or(() -> header(exchange, Headers.AUTHORIZATION_STRING)
                        .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                        .map(value -> value.substring(7).trim()))
                .or(() -> header(exchange, "x-goog-api-key"))
                .or(() -> queryKey(exchange))
                .filter(key -> !key.isBlank());
    }

    private static Optional<String> header(HttpServerExchange exchange, String name) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name)).map(String::trim);
    }

    private static Optional<String> queryKey(HttpServerExchange exchange) {
        if (!exchange.getRequestPath().startsWith("/v1beta/")) {
            return Optional.empty();
        }
        Deque<String> values = exchange.getQueryParameters().get("key");
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst().trim());
    }
}
