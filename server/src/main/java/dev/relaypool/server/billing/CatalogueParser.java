package dev.relaypool.server.billing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the LiteLLM price document. Prices are written there as JSON doubles ({@code 3e-06}); Jackson is told to
 * read every float as a BigDecimal straight from its text, so {@code 3e-06} is exactly 0.000003 and no price ever
 * passes through {@code double}.
 */
final class CatalogueParser {
    /** LiteLLM ships a documentation entry of this name; it is not a model. */
    private static final String SAMPLE_SPEC = "sample_spec";
    private static final int MAX_PROBLEMS = 20;

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private CatalogueParser() {}

    static CatalogueParse parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return new CatalogueParse.Invalid(List.of("not valid JSON: " + e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            return new CatalogueParse.Invalid(List.of("the catalogue must be a JSON object of model id → prices"));
        }
        Map<String, ModelPrice> models = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            String model = entry.getKey();
            if (model.equals(SAMPLE_SPEC)) {
                continue;
            }
            if (model.isBlank()) {
                problems.add("a model id is empty");
                continue;
            }
            if (!entry.getValue().isObject()) {
                problems.add("model '" + model + "': must be a JSON object");
                continue;
            }
            Fields fields = new Fields(model, entry.getValue(), problems);
            ModelPrice price = new ModelPrice(
                    new BucketPrices(
                            fields.price("input_cost_per_token"),
                            fields.price("output_cost_per_token"),
                            fields.price("cache_creation_input_token_cost"),
                            fields.price("cache_creation_input_token_cost_above_1hr"),
                            fields.price("cache_read_input_token_cost")),
                    new BucketPrices(
                            fields.price("input_cost_per_token_above_200k_tokens"),
                            fields.price("output_cost_per_token_above_200k_tokens"),
                            fields.price("cache_creation_input_token_cost_above_200k_tokens"),
                            fields.price("cache_creation_input_token_cost_above_1hr_above_200k_tokens"),
                            fields.price("cache_read_input_token_cost_above_200k_tokens")));
            models.put(model, price);
        }
        if (!problems.isEmpty()) {
            List<String> shown = problems.size() > MAX_PROBLEMS
                    ? withMore(problems.subList(0, MAX_PROBLEMS), problems.size() - MAX_PROBLEMS) : problems;
            return new CatalogueParse.Invalid(shown);
        }
        return new CatalogueParse.Valid(new PriceCatalogue(models));
    }

    private static List<String> withMore(List<String> first, int more) {
        List<String> shown = new ArrayList<>(first);
        shown.add("… and " + more + " more");
        return shown;
    }

    /** Price fields of one model entry; each problem is recorded with model and field, the price read as null. */
    private record Fields(String model, JsonNode node, List<String> problems) {
        BigDecimal price(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isNumber()) {
                problems.add("model '" + model + "', field '" + field + "': must be a number, got " + value);
                return null;
            }
            BigDecimal price = value.decimalValue();
            if (price.signum() < 0) {
                problems.add("model '" + model + "', field '" + field + "': must not be negative, got "
                        + price.toPlainString());
                return null;
            }
            // One representation per value, so equal prices compare equal (see PriceCatalogue's alias index).
            return price.signum() == 0 ? BigDecimal.ZERO : price.stripTrailingZeros();
        }
    }
}
