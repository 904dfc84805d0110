package dev.relaypool.server.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import dev.relaypool.server.usage.TokenUsage;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property-style: over many random requests, the sum of the calculator's costs equals a total computed
 * independently in integer arithmetic (prices in 1e-12 USD, multipliers in hundredths, half-even to 1e-10).
 */
class CostExactnessTest {
    private static final PriceCatalogue CATALOGUE = PriceCatalogue.bundled();
    private static final List<String> MODELS =
            List.of("claude-sonnet-4-5", "claude-haiku-4-5", "gpt-4o", "gpt-5-mini", "gemini-2.5-pro", "gemini-2.5-flash");
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

    @Test
    void sumOfManyCostsEqualsTheIndependentlyComputedTotal() {
        Random random = new Random(20260724);
        BigDecimal summed = BigDecimal.ZERO;
        BigInteger expectedUnits = BigInteger.ZERO; // 1e-10 USD
        for (int i = 0; i < 20_000; i++) {
            String model = MODELS.get(random.nextInt(MODELS.size()));
            TokenUsage tokens = new TokenUsage(random.nextInt(250_000), random.nextInt(20_000),
                    random.nextInt(3) == 0 ? random.nextInt(30_000) : 0, random.nextInt(5) == 0 ? random.nextInt(10_000) : 0,
                    random.nextInt(2) == 0 ? random.nextInt(100_000) : 0);
            int hundredths = 1 + random.nextInt(300);
            Multipliers multipliers = Multipliers.group(BigDecimal.valueOf(hundredths, 2));
            ModelPrice price = CATALOGUE.find(model, null).orElseThrow();

            summed = summed.add(CostCalculator.cost(price, tokens, multipliers).total());
            expectedUnits = expectedUnits.add(independentUnits(price, tokens, hundredths));
        }
        assertThat(summed).isEqualTo(new BigDecimal(expectedUnits, 10));
    }

    @Test
    void costIsLinearInTokensWhenNothingRounds() {
        ModelPrice price = CATALOGUE.find("claude-sonnet-4-5", Platform.ANTHROPIC).orElseThrow();
        UnitPrices standard = price.unitPrices(false);
        Random random = new Random(7);
        TokenUsage all = TokenUsage.NONE;
        BigDecimal summed = BigDecimal.ZERO;
        for (int i = 0; i < 5_000; i++) {
            TokenUsage tokens = new TokenUsage(random.nextInt(5_000), random.nextInt(5_000), random.nextInt(5_000),
                    random.nextInt(5_000), random.nextInt(5_000));
            all = all.plus(tokens);
            summed = summed.add(CostCalculator.cost(standard, false, tokens, Multipliers.NONE).total());
        }
        assertThat(summed).isEqualTo(CostCalculator.cost(standard, false, all, Multipliers.NONE).total());
    }

    private static BigInteger independentUnits(ModelPrice price, TokenUsage tokens, int hundredths) {
        boolean longTier = price.hasLongContextTier() && tokens.promptTokens() > 200_000;
        UnitPrices p = price.unitPrices(longTier);
        BigInteger pico = BigInteger.ZERO; // Σ tokens × price in 1e-12 USD
        pico = pico.add(BigInteger.valueOf(tokens.inputTokens()).multiply(picos(p.input())));
        pico = pico.add(BigInteger.valueOf(tokens.outputTokens()).multiply(picos(p.output())));
        pico = pico.add(BigInteger.valueOf(tokens.cacheWrite5mTokens()).multiply(picos(p.cacheWrite5m())));
        pico = pico.add(BigInteger.valueOf(tokens.cacheWrite1hTokens()).multiply(picos(p.cacheWrite1h())));
        pico = pico.add(BigInteger.valueOf(tokens.cacheReadTokens()).multiply(picos(p.cacheRead())));
        BigInteger scaled = pico.multiply(BigInteger.valueOf(hundredths)); // 1e-14 USD
        BigInteger[] qr = scaled.divideAndRemainder(TEN_THOUSAND);
        int half = qr[1].shiftLeft(1).compareTo(TEN_THOUSAND);
        boolean up = half > 0 || (half == 0 && qr[0].testBit(0));
        return up ? qr[0].add(BigInteger.ONE) : qr[0];
    }

    private static BigInteger picos(BigDecimal usdPerToken) {
        return usdPerToken.movePointRight(12).toBigIntegerExact(); // fails loudly if a price is finer than 1e-12
    }
}
