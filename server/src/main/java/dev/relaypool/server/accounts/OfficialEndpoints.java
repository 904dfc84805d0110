package dev.relaypool.server.accounts;

import dev.relaypool.model.Platform;

/** The providers' own API roots, used when an account has no custom base URL. */
final class OfficialEndpoints {
    private OfficialEndpoints() {}

    static String baseUrl(Platform platform) {
        return switch (platform) {
            case ANTHROPIC -> "https://api.anthropic.com";
            case OPENAI -> "https://api.openai.com";
            case GEMINI -> "https://generativelanguage.googleapis.com";
        };
    }
}
