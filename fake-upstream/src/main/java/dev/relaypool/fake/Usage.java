package dev.relaypool.fake;

/**
 * Token counts the fake reports, in disjoint buckets like the relay's own {@code TokenUsage}: {@code inputTokens}
 * excludes cache writes and cache reads. Each protocol folds the buckets into its own wire shape (OpenAI and Gemini
 * count cached tokens inside the prompt total, Anthropic reports them beside it). {@code reasoningTokens} is the part
 * of {@code outputTokens} spent thinking (OpenAI {@code reasoning_tokens}, Gemini {@code thoughtsTokenCount}).
 */
public record Usage(long inputTokens, long outputTokens, long cacheWrite5mTokens, long cacheWrite1hTokens,
                    long cacheReadTokens, long reasoningTokens) {

    public Usage {
        if (inputTokens < 0 || outputTokens < 0 || cacheWrite5mTokens < 0 || cacheWrite1hTokens < 0
                || cacheReadTokens < 0 || reasoningTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
        if (reasoningTokens > outputTokens) {
            throw new IllegalArgumentException("reasoning tokens are part of the output tokens, so at most " + outputTokens);
        }
    }

    public static Usage of(long inputTokens, long outputTokens) {
        return new Usage(inputTokens, outputTokens, 0, 0, 0, 0);
    }

    public Usage withCacheWrite(long fiveMinutes, long oneHour) {
        return new Usage(inputTokens, outputTokens, fiveMinutes, oneHour, cacheReadTokens, reasoningTokens);
    }

    public Usage withCacheRead(long tokens) {
        return new Usage(inputTokens, outputTokens, cacheWrite5mTokens, cacheWrite1hTokens, tokens, reasoningTokens);
    }

    public Usage withReasoning(long tokens) {
        return new Usage(inputTokens, outputTokens, cacheWrite5mTokens, cacheWrite1hTokens, cacheReadTokens, tokens);
    }

    public long cacheWriteTokens() {
        return cacheWrite5mTokens + cacheWrite1hTokens;
    }

    /** Every token the model read, cached or not: what OpenAI and Gemini call the prompt. */
    public long promptTokens() {
        return inputTokens + cacheWriteTokens() + cacheReadTokens;
    }

    public long totalTokens() {
        return promptTokens() + outputTokens;
    }
}
