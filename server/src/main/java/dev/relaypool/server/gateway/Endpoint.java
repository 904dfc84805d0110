package dev.relaypool.server.gateway;

import dev.relaypool.model.Platform;

/** Every route the gateway serves. Forwarded endpoints go upstream; the model listings are answered locally. */
enum Endpoint {
    ANTHROPIC_MESSAGES(Platform.ANTHROPIC, "/v1/messages", true),
    ANTHROPIC_COUNT_TOKENS(Platform.ANTHROPIC, "/v1/messages/count_tokens", true),
    OPENAI_CHAT(Platform.OPENAI, "/v1/chat/completions", true),
    OPENAI_RESPONSES(Platform.OPENAI, "/v1/responses", true),
    GEMINI_GENERATE(Platform.GEMINI, "/v1beta/models:generateContent", true),
    GEMINI_STREAM(Platform.GEMINI, "/v1beta/models:streamGenerateContent", true),
    GEMINI_COUNT_TOKENS(Platform.GEMINI, "/v1beta/models:countTokens", true),
    /** {@code GET /v1/models}: listed in the format of the key's platform. */
    MODELS(null, "/v1/models", false),
    GEMINI_MODELS(Platform.GEMINI, "/v1beta/models", false),
    GEMINI_MODEL(Platform.GEMINI, "/v1beta/models/{model}", false);

    private final Platform platform;
    private final String label;
    private final boolean forwarded;

    Endpoint(Platform platform, String label, boolean forwarded) {
        this.platform = platform;
        this.label = label;
        this.forwarded = forwarded;
    }

    /** The platform whose keys may use this endpoint; null when any key may. */
    Platform platform() { return platform; }

    /** How usage records and logs name the endpoint (model-free, so it groups well). */
    String label() { return label; }

    boolean forwarded() { return forwarded; }

    /** Gemini carries the model in the path and decides streaming by the method name, not the body. */
    boolean modelInPath() { return platform == Platform.GEMINI; }

    /** The path upstream; Gemini's names the (possibly mapped) model. Only for forwarded endpoints. */
    String upstreamPath(String upstreamModel) {
        return switch (this) {
            case ANTHROPIC_MESSAGES, ANTHROPIC_COUNT_TOKENS, OPENAI_CHAT, OPENAI_RESPONSES -> label;
            case GEMINI_GENERATE, GEMINI_STREAM, GEMINI_COUNT_TOKENS -> {
                if (!RouteMatch.validPathModel(upstreamModel)) {
                    throw new IllegalStateException("account maps the model to a name unfit for a path");
                }
                yield "/v1beta/models/" + upstreamModel + label.substring(label.indexOf(':'));
            }
            case MODELS, GEMINI_MODELS, GEMINI_MODEL -> throw new IllegalStateException(this + " is not forwarded");
        };
    }

    Dialect dialect(Platform keyPlatform) {
        return switch (this) {
            case ANTHROPIC_MESSAGES, ANTHROPIC_COUNT_TOKENS -> Dialects.ANTHROPIC;
            case OPENAI_CHAT -> Dialects.OPENAI_CHAT;
            case OPENAI_RESPONSES -> Dialects.OPENAI_RESPONSES;
            case GEMINI_GENERATE, GEMINI_STREAM, GEMINI_COUNT_TOKENS, GEMINI_MODELS, GEMINI_MODEL -> Dialects.GEMINI;
            case MODELS -> Dialects.forPlatform(keyPlatform);
        };
    }
}
