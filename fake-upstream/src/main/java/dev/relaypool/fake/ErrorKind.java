package dev.relaypool.fake;

/**
 * The upstream failures the fake can answer with. Each protocol renders a kind with its own status, headers and
 * error envelope, as the real provider does (for example OVERLOADED is 529 on Anthropic but 503 on OpenAI and Gemini).
 */
public enum ErrorKind {
    /** Short-window rate limit: 429 with retry-after and the provider's rate-limit headers. */
    RATE_LIMITED,
    /** Long-window quota used up: Anthropic 7-day window rejected, OpenAI insufficient_quota, Gemini per-day quota. */
    QUOTA_EXHAUSTED,
    OVERLOADED,
    UNAUTHORIZED,
    FORBIDDEN,
    /** 400 with the provider's "prompt too long" reason. */
    CONTEXT_TOO_LONG,
    SERVER_ERROR,
    BAD_GATEWAY,
    UNAVAILABLE
}
