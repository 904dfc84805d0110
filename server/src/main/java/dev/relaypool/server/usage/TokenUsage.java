package dev.relaypool.server.usage;

/**
 * Tokens of one answered request in disjoint buckets, whatever the protocol reported: {@code inputTokens} excludes
 * cached reads and cache writes (OpenAI and Gemini report cached tokens as part of the input; the protocol's usage
 * tap subtracts them), so that cost is simply Σ bucket × unit price.
 */
public record TokenUsage(long inputTokens, long outputTokens, long cacheWrite5mTokens, long cacheWrite1hTokens,
                         long cacheReadTokens) {
    public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0, 0);

    public TokenUsage {
        if (inputTokens < 0 || outputTokens < 0 || cacheWrite5mTokens < 0 || cacheWrite1hTokens < 0 || cacheReadTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
    }

    /** Every token the model read: what long-context price tiers are measured against. */
    public long promptTokens() {
        return inputTokens + cacheWrite5mTokens + cacheWrite1hTokens + cacheReadTokens;
    }

    public long totalTokens() {
        return promptTokens() + outputTokens;
    }

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                cacheWrite5mTokens + other.cacheWrite5mTokens, cacheWrite1hTokens + other.cacheWrite1hTokens,
                cacheReadTokens + other.cacheReadTokens);
    }
}
