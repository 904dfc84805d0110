package dev.relaypool.server.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PricingTest {
    private static final PriceCatalogue CATALOGUE = PriceCatalogue.bundled();

    @Test
    void overrideWinsFieldByFieldAndKeepsTheRest() {
        ModelPrice override = ModelPrice.of(new BucketPrices(null, new BigDecimal("0.00001"), null, null, null));
        Pricing pricing = Pricing.of(CATALOGUE).withOverride("claude-sonnet-4-5", override);

        ModelPrice effective = pricing.find("claude-sonnet-4-5-20250929", Platform.ANTHROPIC).orElseThrow();

        assertThat(effective.standard().output()).isEqualByComparingTo("0.00001");
        assertThat(effective.standard().input()).isEqualByComparingTo("0.000003");
        assertThat(effective.standard().cacheRead()).isEqualByComparingTo("0.0000003");
        assertThat(effective.longContext().output()).isEqualByComparingTo("0.0000225");
    }

    @Test
    void overrideWithAnInputPricePricesAnUnlistedModel() {
        Pricing pricing = Pricing.of(CATALOGUE)
                .withOverride("in-house-model", ModelPrice.of(new BucketPrices(new BigDecimal("0.000001"), null, null, null, null)))
                .withOverride("half-priced", ModelPrice.of(new BucketPrices(null, new BigDecimal("0.000001"), null, null, null)));

        assertThat(pricing.find("in-house-model", Platform.OPENAI)).isPresent();
        assertThat(pricing.find("half-priced", Platform.OPENAI)).isEmpty();
    }

    @Test
    void overridesSurviveACatalogueReplacementAndCanBeRemoved() {
        ModelPrice override = ModelPrice.of(new BucketPrices(new BigDecimal("0.000009"), null, null, null, null));
        Pricing pricing = Pricing.of(CATALOGUE).withOverride("gpt-4o", override).withCatalogue(PriceCatalogue.empty());

        assertThat(pricing.find("gpt-4o", Platform.OPENAI).orElseThrow().standard().input())
                .isEqualByComparingTo("0.000009");
        assertThat(pricing.withoutOverride("gpt-4o").find("gpt-4o", Platform.OPENAI)).isEmpty();
    }
}
