package dev.relaypool.fake;

/**
 * The upstream failures the fake can answer with. Each protocol renders a kind with its own status, headers and
 * error envelope, as the real provider does (for example OVERLOADED is 529 on Anthropic but 503 on OpenAI and Gemini).
 */
public enum ErrorKind {
    /**
     * Short-window rate limit: 429 with retry-after and the provider's rate-limit headers; with a zero retry delay
     * every retry hint is left out (no retry-after, reset headers or RetryInfo), as some providers and proxies do.
     */
    RATE_LIMITED,
    /** Long-window quota used up: Anthropic 7-day window rejected, OpenAI insufficient_quota, Gemini per-day quota. */
    QUOTA_EXHAUSTED,
    OVERLOADED,
    UNAUTHORIZED,
    FORBIDDEN,
    /** 400 with the provider's "prompt too long" reason. */
    CONTEXT_TOO_LONG,
    /** 400 with the provider's content-policy reason (a refusal about the request, not the account). */
    CONTENT_POLICY,
    SERVER_ERROR,
    BAD_GATEWAY,
    UNAVAILABLE
}
