package dev.relaypool.server.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import dev.relaypool.server.api.Json;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CatalogueDocumentTest {
    static final String PRICE = "0.0000012345678901234567891"; // 20 significant digits

    @Test
    void keepsEveryDigitOfAnUploadedPrice() throws Exception {
        String body = "{\"acme-exact-1\":{\"input_cost_per_token\":" + PRICE + ",\"output_cost_per_token\":3e-06,"
                + "\"litellm_provider\":\"anthropic\",\"mode\":\"chat\"}}";

        CatalogueDocument document = Json.MAPPER.readValue(body, CatalogueDocument.class);

        ModelPrice price = switch (PriceCatalogue.parse(document.json())) {
            case CatalogueParse.Valid valid -> valid.catalogue().find("acme-exact-1", Platform.ANTHROPIC).orElseThrow();
            case CatalogueParse.Invalid invalid -> throw new AssertionError(invalid.message());
        };
        assertThat(price.standard().input()).isEqualByComparingTo(new BigDecimal(PRICE));
        assertThat(price.standard().output()).isEqualByComparingTo("0.000003");
    }
}
