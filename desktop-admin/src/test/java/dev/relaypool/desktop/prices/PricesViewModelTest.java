package dev.relaypool.desktop.prices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.desktop.testing.ScreenFixture;
import dev.relaypool.model.admin.CataloguePrice;
import dev.relaypool.model.admin.PriceOverride;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PricesViewModelTest {
    private final ScreenFixture fx = new ScreenFixture();
    private final PricesViewModel prices = new PricesViewModel(fx.context);

    @Test
    void showsWhereTheCatalogueComesFromAndSearchesOnTheServer() {
        prices.load();

        assertThat(prices.sourceProperty().get()).isEqualTo("Bundled catalogue, 8 models; 1 override.");
        prices.list().searchProperty().set("gemini");
        fx.executors.advance(java.time.Duration.ofMillis(300)); // the typing pause
        assertThat(fx.server.queries.getLast().search()).isEqualTo("gemini");
        assertThat(prices.list().items()).extracting(CataloguePrice::model).containsExactly("gemini-2.5-pro", "gemini-2.5-flash");
    }

    @Test
    void overrideIsCheckedThenPricesTheModel() {
        prices.load();
        OverrideFormModel form = prices.overrideForm("gpt-5");
        assertThat(form.editing()).isFalse();
        form.prices().get(1).set("ten");
        prices.saveOverride(form, () -> {});
        assertThat(form.errorProperty().get()).startsWith("Output is a price in USD per million tokens");
        form.prices().get(1).set("");
        prices.saveOverride(form, () -> {});
        assertThat(form.errorProperty().get()).isEqualTo("Enter at least one price; empty buckets keep the catalogue's.");
        form.prices().get(0).set("1.10");

        prices.saveOverride(form, () -> {});

        assertThat(fx.server.overrides).extracting(PriceOverride::model).contains("gpt-5");
        CataloguePrice gpt5 = prices.list().items().stream().filter(p -> p.model().equals("gpt-5")).findFirst().orElseThrow();
        assertThat(gpt5.overridden()).isTrue();
        assertThat(gpt5.inputPerMtok()).isEqualByComparingTo("1.10");
        assertThat(gpt5.outputPerMtok()).isEqualByComparingTo("10");
        assertThat(prices.sourceProperty().get()).endsWith("2 overrides.");
    }

    @Test
    void editingAnOverrideStartsFromItsValuesAndRemovingItRestoresTheCatalogue() {
        prices.load();
        OverrideFormModel form = prices.overrideForm("claude-haiku-4-5");
        assertThat(form.editing()).isTrue();
        assertThat(form.prices().get(0).get()).isEqualTo("0.8");

        prices.removeOverride("claude-haiku-4-5");

        assertThat(prices.overrides()).isEmpty();
        assertThat(prices.action().noticeProperty().get()).isEqualTo("claude-haiku-4-5 is priced by the catalogue again.");
    }

    @Test
    void uploadOfABrokenFileNamesTheLineAndSendsNothing(@TempDir Path dir) throws Exception {
        prices.load();
        Path file = Files.writeString(dir.resolve("prices.json"), "{\n  \"m\": {\"input_cost_per_token\": 1e-6,}\n");

        prices.upload(file, false);

        assertThat(prices.action().errorProperty().get()).startsWith("The file prices.json is not JSON (line 2, column ");
        assertThat(fx.server.uploads).isEmpty();
    }

    @Test
    void serverValidationErrorsAreShownAndAGoodCatalogueReplacesTheBundledOne(@TempDir Path dir) throws Exception {
        prices.load();
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"m1\": {\"input_cost_per_token\": \"cheap\"}}");
        prices.upload(bad, true);
        assertThat(prices.action().errorProperty().get())
                .isEqualTo("The server refused the request (400): catalogue refused: m1: input_cost_per_token must be a number.");

        Path good = Files.writeString(dir.resolve("good.json"), "{\"house-model\": {\"input_cost_per_token\": 0.000002}}");
        prices.upload(good, true);

        assertThat(prices.action().noticeProperty().get()).isEqualTo("The uploaded catalogue replaces the bundled one.");
        assertThat(prices.sourceProperty().get()).startsWith("Uploaded catalogue (replaces the bundled one), 1 models, loaded 2026-01-01");
        assertThat(prices.list().items()).extracting(CataloguePrice::model).containsExactly("house-model");
        assertThat(prices.list().items().getFirst().inputPerMtok()).isEqualByComparingTo("2");
    }
}
