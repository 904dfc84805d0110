package dev.relaypool.server.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.usage.ProviderUsage;
import dev.relaypool.server.usage.TokenUsage;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Expected amounts are worked out by hand from the bundled catalogue's prices (quoted in each test). */
class CostCalculatorTest {
    private static final Pricing PRICING = Pricing.of(PriceCatalogue.bundled());

    private static CostCalculator calculator(RelaypoolConfig.UnpricedModel unpriced) {
        return new CostCalculator(() -> PRICING, new RelaypoolConfig.Billing(
                RelaypoolConfig.BillingMode.STANDARD, true, unpriced, new BigDecimal("2")));
    }

    private static final CostCalculator CALCULATOR = calculator(RelaypoolConfig.UnpricedModel.REFUSE);

    private static Cost priced(String model, Platform platform, TokenUsage tokens, Multipliers multipliers) {
        return switch (CALCULATOR.quote(model, platform, tokens, multipliers)) {
            case PriceQuote.Priced priced -> priced.cost();
            case PriceQuote.Unpriced unpriced -> throw new AssertionError("unpriced " + unpriced.model());
        };
    }

    private static BigDecimal usd(String amount) {
        return new BigDecimal(amount).setScale(10);
    }

    @Test
    void pricesAnthropicDisjointBucketsIncluding5mAnd1hCacheWrites() {
        // claude-sonnet-4-5: input 3e-6, output 1.5e-5, write 5m 3.75e-6, write 1h 6e-6, read 3e-7
        Cost cost = priced("claude-sonnet-4-5-20250929", Platform.ANTHROPIC,
                ProviderUsage.fromAnthropic(1_000, 2_000, 500, 10_000, 300), Multipliers.NONE);

        assertThat(cost.input()).isEqualTo(usd("0.003"));         // 1000 × 3e-6
        assertThat(cost.cacheWrite5m()).isEqualTo(usd("0.0075")); // 2000 × 3.75e-6
        assertThat(cost.cacheWrite1h()).isEqualTo(usd("0.003"));  // 500 × 6e-6
        assertThat(cost.cacheRead()).isEqualTo(usd("0.003"));     // 10000 × 3e-7
        assertThat(cost.output()).isEqualTo(usd("0.0045"));       // 300 × 1.5e-5
        assertThat(cost.total()).isEqualTo(usd("0.021"));
        assertThat(cost.longContext()).isFalse();
    }

    @Test
    void chargesA1hCacheWriteMoreThanA5mOne() {
        Cost fiveMinutes = priced("claude-sonnet-4-5", Platform.ANTHROPIC,
                ProviderUsage.fromAnthropic(0, 2_500, 0, 0, 0), Multipliers.NONE);
        Cost oneHour = priced("claude-sonnet-4-5", Platform.ANTHROPIC,
                ProviderUsage.fromAnthropic(0, 0, 2_500, 0, 0), Multipliers.NONE);
        assertThat(fiveMinutes.total()).isEqualTo(usd("0.009375")); // 2500 × 3.75e-6
        assertThat(oneHour.total()).isEqualTo(usd("0.015"));        // 2500 × 6e-6
    }

    @Test
    void pricesOpenAiCachedTokensAtTheCacheReadPrice() {
        // gpt-4o: input 2.5e-6, output 1e-5, read 1.25e-6
        Cost cost = priced("gpt-4o", Platform.OPENAI, ProviderUsage.fromOpenAi(12_000, 8_000, 500), Multipliers.NONE);
        assertThat(cost.input()).isEqualTo(usd("0.01"));      // 4000 × 2.5e-6
        assertThat(cost.cacheRead()).isEqualTo(usd("0.01"));  // 8000 × 1.25e-6
        assertThat(cost.output()).isEqualTo(usd("0.005"));    // 500 × 1e-5
        assertThat(cost.total()).isEqualTo(usd("0.025"));
    }

    @Test
    void pricesGeminiCachedContentAndThinkingTokens() {
        // gemini-2.5-pro: input 1.25e-6, output 1e-5, read 1.25e-7
        Cost cost = priced("gemini-2.5-pro", Platform.GEMINI, ProviderUsage.fromGemini(10_000, 6_000, 700 + 300),
                Multipliers.NONE);
        assertThat(cost.input()).isEqualTo(usd("0.005"));       // 4000 × 1.25e-6
        assertThat(cost.cacheRead()).isEqualTo(usd("0.00075")); // 6000 × 1.25e-7
        assertThat(cost.output()).isEqualTo(usd("0.01"));       // 1000 × 1e-5
        assertThat(cost.total()).isEqualTo(usd("0.01575"));
    }

    @Test
    void usesTheLongContextTierForEveryBucketAbove200kPromptTokens() {
        // claude-sonnet-4-5 above 200k: input 6e-6, output 2.25e-5, write 5m 7.5e-6, write 1h 1.2e-5, read 6e-7
        Cost cost = priced("claude-sonnet-4-5", Platform.ANTHROPIC,
                ProviderUsage.fromAnthropic(150_000, 40_000, 5_000, 10_000, 1_000), Multipliers.NONE);
        assertThat(cost.longContext()).isTrue();
        assertThat(cost.input()).isEqualTo(usd("0.9"));
        assertThat(cost.cacheWrite5m()).isEqualTo(usd("0.3"));
        assertThat(cost.cacheWrite1h()).isEqualTo(usd("0.06"));
        assertThat(cost.cacheRead()).isEqualTo(usd("0.006"));
        assertThat(cost.output()).isEqualTo(usd("0.0225"));
        assertThat(cost.total()).isEqualTo(usd("1.2885"));

        // gemini-2.5-pro above 200k: input 2.5e-6, output 1.5e-5, read 2.5e-7
        Cost gemini = priced("gemini-2.5-pro", Platform.GEMINI, ProviderUsage.fromGemini(250_000, 50_000, 2_000),
                Multipliers.NONE);
        assertThat(gemini.total()).isEqualTo(usd("0.5425")); // 0.5 + 0.0125 + 0.03
    }

    @Test
    void keepsTheStandardTierAtExactly200kPromptTokensOrWithoutATier() {
        Cost atThreshold = priced("claude-sonnet-4-5", Platform.ANTHROPIC,
                ProviderUsage.fromAnthropic(200_000, 0, 0, 0, 1_000), Multipliers.NONE);
        assertThat(atThreshold.longContext()).isFalse();
        assertThat(atThreshold.total()).isEqualTo(usd("0.615")); // 0.6 + 0.015

        // claude-opus-4-1 has no long-context prices: input 1.5e-5, output 7.5e-5
        Cost noTier = priced("claude-opus-4-1", Platform.ANTHROPIC,
                ProviderUsage.fromAnthropic(300_000, 0, 0, 0, 1_000), Multipliers.NONE);
        assertThat(noTier.longContext()).isFalse();
        assertThat(noTier.total()).isEqualTo(usd("4.575")); // 4.5 + 0.075
    }

    @Test
    void appliesTheGroupMultiplierUnlessTheMemberHasTheirOwn() {
        TokenUsage tokens = ProviderUsage.fromOpenAi(12_000, 8_000, 500); // 0.025 at list price
        Cost group = priced("gpt-4o", Platform.OPENAI, tokens, Multipliers.group(new BigDecimal("1.5")));
        Cost member = priced("gpt-4o", Platform.OPENAI, tokens,
                new Multipliers(new BigDecimal("1.5"), new BigDecimal("0.8")));

        assertThat(group.total()).isEqualTo(usd("0.0375"));
        assertThat(group.listTotal()).isEqualTo(usd("0.025"));
        assertThat(member.total()).isEqualTo(usd("0.02")); // 0.8 replaces 1.5; it does not make 1.2
        assertThat(member.input()).isEqualTo(usd("0.008"));
    }

    @Test
    void roundsOnceAtTheEndHalfEven() {
        UnitPrices prices = new UnitPrices(new BigDecimal("0.0000000005"), new BigDecimal("0.0000000005"),
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
        Multipliers half = Multipliers.group(new BigDecimal("0.5"));

        Cost one = CostCalculator.cost(prices, false, new TokenUsage(1, 1, 0, 0, 0), half);
        // each bucket is exactly 2.5e-10 → 2e-10 (half-even; half-up would give 3e-10) …
        assertThat(one.input()).isEqualTo(usd("0.0000000002"));
        assertThat(one.output()).isEqualTo(usd("0.0000000002"));
        // … but the total is rounded from the exact 5e-10, not summed from rounded parts
        assertThat(one.total()).isEqualTo(usd("0.0000000005"));

        Cost three = CostCalculator.cost(prices, false, new TokenUsage(3, 0, 0, 0, 0), half);
        assertThat(three.total()).isEqualTo(usd("0.0000000008")); // 7.5e-10 → 8e-10
        assertThat(one.total().scale()).isEqualTo(CostCalculator.STORAGE_SCALE);
    }

    @Test
    void reportsAnUnpricedModelOrBillsItAtTheDefaultPrice() {
        TokenUsage tokens = new TokenUsage(1_000, 500, 0, 0, 0);
        assertThat(CALCULATOR.quote("my-private-model", Platform.OPENAI, tokens, Multipliers.NONE))
                .isEqualTo(new PriceQuote.Unpriced("my-private-model"));
        assertThat(CALCULATOR.charge("my-private-model", Platform.OPENAI, tokens, Multipliers.NONE))
                .isInstanceOf(PriceQuote.Unpriced.class);
        assertThat(CALCULATOR.admits("my-private-model", Platform.OPENAI)).isFalse();
        assertThat(CALCULATOR.admits("gpt-4o", Platform.OPENAI)).isTrue();

        CostCalculator lenient = calculator(RelaypoolConfig.UnpricedModel.DEFAULT);
        assertThat(lenient.admits("my-private-model", Platform.OPENAI)).isTrue();
        PriceQuote quote = lenient.charge("my-private-model", Platform.OPENAI, tokens,
                Multipliers.group(new BigDecimal("2")));
        // 1500 tokens × $2 per million × 2
        assertThat(quote).isInstanceOfSatisfying(PriceQuote.Priced.class,
                priced -> assertThat(priced.cost().total()).isEqualTo(usd("0.006")));
    }
}
