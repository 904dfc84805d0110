package dev.relaypool.server.gateway;

import dev.relaypool.model.Platform;
import dev.relaypool.server.gateway.anthropic.AnthropicDialect;
import dev.relaypool.server.gateway.gemini.GeminiDialect;
import dev.relaypool.server.gateway.openai.OpenAiChatDialect;
import dev.relaypool.server.gateway.openai.OpenAiResponsesDialect;
import io.undertow.util.HeaderMap;

/** The protocol dialects (stateless, shared) and the choice of one before the route or the key is known. */
final class Dialects {
    static final Dialect ANTHROPIC = new AnthropicDialect();
    static final Dialect OPENAI_CHAT = new OpenAiChatDialect();
    static final Dialect OPENAI_RESPONSES = new OpenAiResponsesDialect();
    static final Dialect GEMINI = new GeminiDialect();

    private Dialects() {}

    static Dialect forPlatform(Platform platform) {
        return switch (platform) {
            case ANTHROPIC -> ANTHROPIC;
            case OPENAI -> OPENAI_CHAT;
            case GEMINI -> GEMINI;
        };
    }

    /** For errors before authentication (unknown path, missing key): the envelope the caller most likely speaks. */
    static Dialect guess(String path, HeaderMap headers) {
        if (path.startsWith("/v1beta/") || headers.contains("x-goog-api-key") || headers.contains("x-goog-api-client")) {
            return GEMINI;
        }
        if (path.startsWith("/v1/messages") || headers.contains("anthropic-version")) {
            return ANTHROPIC;
        }
        if (path.startsWith("/v1/responses")) {
            return OPENAI_RESPONSES;
        }
        return OPENAI_CHAT;
    }
}
