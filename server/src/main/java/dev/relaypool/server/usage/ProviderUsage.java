package dev.relaypool.server.usage;


/**
 * Builds {@link TokenUsage} (disjoint buckets) from each provider's own usage numbers, for the gateway's usage
 * taps. Anthropic already reports disjoint buckets; OpenAI and Gemini count cached tokens inside the prompt, so
 * they are taken out of input here, and only here.
 */
public final class ProviderUsage {
    private ProviderUsage() {}

    /**
     * Anthropic {@code usage}: {@code input_tokens}, {@code cache_creation.ephemeral_5m_input_tokens},
     * {@code cache_creation.ephemeral_1h_input_tokens}, {@code cache_read_input_tokens}, {@code output_tokens}.
     * When a response gives only the total {@code cache_creation_input_tokens}, pass it as 5m (the default TTL).
     */
    public static TokenUsage fromAnthropic(long input, long cacheCreation5m, long cacheCreation1h, long cacheRead,
                                           long output) {
        return new TokenUsage(input, output, cacheCreation5m, cacheCreation1h, cacheRead);
    }

    /**
     * OpenAI {@code usage}: {@code prompt_tokens} (or {@code input_tokens}), which include
     * {@code prompt_tokens_details.cached_tokens}, and {@code completion_tokens} (or {@code output_tokens}, which
     * already include reasoning tokens). OpenAI bills no separate cache write.
     */
    public static TokenUsage fromOpenAi(long promptTokens, long cachedTokens, long completionTokens) {
        long cached = cachedWithin(promptTokens, cachedTokens);
        return new TokenUsage(promptTokens - cached, completionTokens, 0, 0, cached);
    }

    /**
     * Gemini {@code usageMetadata}: {@code promptTokenCount}, which includes {@code cachedContentTokenCount}, and
     * the output, which is {@code candidatesTokenCount + thoughtsTokenCount} (thinking is billed as output).
     */
    public static TokenUsage fromGemini(long promptTokenCount, long cachedContentTokenCount, long outputTokenCount) {
        long cached = cachedWithin(promptTokenCount, cachedContentTokenCount);
        return new TokenUsage(promptTokenCount - cached, outputTokenCount, 0, 0, cached);
    }

    /** A cached count above the prompt is an upstream inconsistency: never bill more prompt tokens than reported. */
    private static long cachedWithin(long prompt, long cached) {
        if (prompt < 0 || cached < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
        return Math.min(cached, prompt);
    }
}
