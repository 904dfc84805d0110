package dev.relaypool.server.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PriceCatalogueTest {
    private static final PriceCatalogue BUNDLED = PriceCatalogue.bundled();

    private static PriceCatalogue parsed(String json) {
        return switch (PriceCatalogue.parse(json)) {
            case CatalogueParse.Valid valid -> valid.catalogue();
            case CatalogueParse.Invalid invalid -> throw new AssertionError(invalid.message());
        };
    }

    private static String problems(String json) {
        return switch (PriceCatalogue.parse(json)) {
            case CatalogueParse.Valid valid -> throw new AssertionError("accepted: " + valid);
            case CatalogueParse.Invalid invalid -> invalid.message();
        };
    }

    @Test
    void readsBundledPricesExactlyWithoutFloatingPoint() {
        ModelPrice sonnet = BUNDLED.find("claude-sonnet-4-5", Platform.ANTHROPIC).orElseThrow();
        assertThat(sonnet.standard().input()).isEqualByComparingTo("0.000003");
        assertThat(sonnet.standard().input().toPlainString()).isEqualTo("0.000003");
        assertThat(sonnet.standard().cacheWrite5m().toPlainString()).isEqualTo("0.00000375");
        assertThat(sonnet.standard().cacheWrite1h().toPlainString()).isEqualTo("0.000006");
        assertThat(sonnet.standard().cacheRead().toPlainString()).isEqualTo("0.0000003");
        assertThat(sonnet.longContext().output().toPlainString()).isEqualTo("0.0000225");
        assertThat(sonnet.longContext().cacheWrite1h().toPlainString()).isEqualTo("0.000012");
        assertThat(BUNDLED.size()).isGreaterThan(200);
    }

    @Test
    void keepsDigitsThatADoubleWouldLose() {
        PriceCatalogue catalogue = parsed("{\"m\": {\"input_cost_per_token\": 0.1000000000000000055511151231257827}}");
        assertThat(catalogue.find("m", null).orElseThrow().standard().input())
                .isEqualTo(new BigDecimal("0.1000000000000000055511151231257827"));
    }

    @Test
    void findsDatedAndUndatedIdsButNothingFuzzier() {
        PriceCatalogue catalogue = parsed("""
                {"claude-sonnet-4-5": {"input_cost_per_token": 3e-06},
                 "claude-opus-4-20250514": {"input_cost_per_token": 1.5e-05},
                 "gpt-4o": {"input_cost_per_token": 2.5e-06},
                 "gemini-2.0-flash": {"input_cost_per_token": 1e-07}}""");
        assertThat(catalogue.resolve("claude-sonnet-4-5-20250929", Platform.ANTHROPIC)).contains("claude-sonnet-4-5");
        assertThat(catalogue.resolve("claude-sonnet-4-5@20250929", Platform.ANTHROPIC)).contains("claude-sonnet-4-5");
        assertThat(catalogue.resolve("claude-opus-4", Platform.ANTHROPIC)).contains("claude-opus-4-20250514");
        assertThat(catalogue.resolve("gpt-4o-2024-08-06", Platform.OPENAI)).contains("gpt-4o");
        assertThat(catalogue.resolve("gemini-2.0-flash-001", Platform.GEMINI)).contains("gemini-2.0-flash");
        assertThat(catalogue.resolve("models/gemini-2.0-flash", Platform.GEMINI)).contains("gemini-2.0-flash");
        assertThat(catalogue.resolve("anthropic/claude-sonnet-4-5", null)).contains("claude-sonnet-4-5");

        assertThat(catalogue.resolve("claude-sonnet-4", Platform.ANTHROPIC)).isEmpty();
        assertThat(catalogue.resolve("claude-sonnet", Platform.ANTHROPIC)).isEmpty();
        assertThat(catalogue.resolve("gpt-4o-mini", Platform.OPENAI)).isEmpty();
        assertThat(catalogue.resolve("GPT-4O", Platform.OPENAI)).isEmpty();
    }

    @Test
    void findsProviderPrefixedEntries() {
        PriceCatalogue catalogue = parsed("""
                {"gemini/gemini-2.5-pro": {"input_cost_per_token": 1.25e-06},
                 "anthropic/claude-haiku-4-5": {"input_cost_per_token": 1e-06}}""");
        assertThat(catalogue.resolve("gemini-2.5-pro", Platform.GEMINI)).contains("gemini/gemini-2.5-pro");
        assertThat(catalogue.resolve("claude-haiku-4-5-20251001", Platform.ANTHROPIC))
                .contains("anthropic/claude-haiku-4-5");
        assertThat(catalogue.resolve("gemini-2.5-pro", Platform.OPENAI)).isEmpty();
    }

    @Test
    void refusesToGuessBetweenDatedEntriesWithDifferentPrices() {
        PriceCatalogue catalogue = parsed("""
                {"gpt-9-2030-01-01": {"input_cost_per_token": 1e-06},
                 "gpt-9-2030-06-01": {"input_cost_per_token": 2e-06},
                 "o9-2030-01-01": {"input_cost_per_token": 1e-06},
                 "o9-2030-06-01": {"input_cost_per_token": 1e-06}}""");
        assertThat(catalogue.resolve("gpt-9", Platform.OPENAI)).isEmpty();
        assertThat(catalogue.resolve("o9", Platform.OPENAI)).isPresent();
    }

    @Test
    void rejectsADocumentThatIsNotAnObject() {
        assertThat(problems("[1, 2]")).contains("must be a JSON object");
        assertThat(problems("{\"m\": ")).contains("not valid JSON");
        assertThat(problems("{\"gpt-x\": 3}")).contains("'gpt-x'").contains("must be a JSON object");
    }

    @Test
    void rejectsNegativeOrNonNumericPricesNamingModelAndField() {
        String message = problems("""
                {"good": {"input_cost_per_token": 1e-06},
                 "bad-a": {"input_cost_per_token": -1e-06},
                 "bad-b": {"input_cost_per_token": 1e-06, "cache_read_input_token_cost": "cheap"}}""");
        assertThat(message)
                .contains("model 'bad-a', field 'input_cost_per_token': must not be negative")
                .contains("model 'bad-b', field 'cache_read_input_token_cost': must be a number")
                .doesNotContain("'good'");
    }

    @Test
    void ignoresLiteLlmSampleSpecAndUnpricedEntries() {
        PriceCatalogue catalogue = parsed("""
                {"sample_spec": {"input_cost_per_token": 0.0, "max_tokens": "LEGACY"},
                 "whisper": {"input_cost_per_second": 0.0001}}""");
        assertThat(catalogue.models()).containsExactly("whisper");
        assertThat(Pricing.of(catalogue).find("whisper", null)).isEmpty();
    }

    @Test
    void mergeAndReplaceReturnNewCatalogues() {
        PriceCatalogue base = parsed("{\"a\": {\"input_cost_per_token\": 1e-06}, \"b\": {\"input_cost_per_token\": 2e-06}}");
        PriceCatalogue upload = parsed("{\"b\": {\"input_cost_per_token\": 5e-06}, \"c\": {\"input_cost_per_token\": 3e-06}}");

        PriceCatalogue merged = base.merge(upload);
        assertThat(merged.models()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(merged.find("b", null).orElseThrow().standard().input()).isEqualByComparingTo("0.000005");
        assertThat(base.models()).containsExactlyInAnyOrder("a", "b");
        assertThat(base.find("b", null).orElseThrow().standard().input()).isEqualByComparingTo("0.000002");

        assertThat(base.replace(upload).models()).containsExactlyInAnyOrder("b", "c");
        assertThat(base.models()).containsExactlyInAnyOrder("a", "b");
    }
}
