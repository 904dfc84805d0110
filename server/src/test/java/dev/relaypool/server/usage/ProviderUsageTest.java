package dev.relaypool.server.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProviderUsageTest {
    @Test
    void keepsAnthropicBucketsAsReported() {
        assertThat(ProviderUsage.fromAnthropic(1000, 2000, 500, 10_000, 300))
                .isEqualTo(new TokenUsage(1000, 300, 2000, 500, 10_000));
    }

    @Test
    void takesOpenAiCachedTokensOutOfInput() {
        TokenUsage usage = ProviderUsage.fromOpenAi(12_000, 8_000, 500);
        assertThat(usage).isEqualTo(new TokenUsage(4_000, 500, 0, 0, 8_000));
        assertThat(usage.promptTokens()).isEqualTo(12_000);
    }

    @Test
    void takesGeminiCachedContentOutOfInput() {
        TokenUsage usage = ProviderUsage.fromGemini(10_000, 6_000, 700 + 300);
        assertThat(usage).isEqualTo(new TokenUsage(4_000, 1_000, 0, 0, 6_000));
        assertThat(usage.promptTokens()).isEqualTo(10_000);
    }

    @Test
    void neverBillsMoreCachedTokensThanThePromptHad() {
        assertThat(ProviderUsage.fromOpenAi(100, 150, 5)).isEqualTo(new TokenUsage(0, 5, 0, 0, 100));
        assertThatThrownBy(() -> ProviderUsage.fromGemini(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
