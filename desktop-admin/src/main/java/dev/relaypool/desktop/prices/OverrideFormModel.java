package dev.relaypool.desktop.prices;

import dev.relaypool.desktop.common.Inputs;
import dev.relaypool.desktop.common.Inputs.Parsed;
import dev.relaypool.model.admin.PriceOverride;
import java.math.BigDecimal;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The override form: a model and its prices in USD per million tokens. An empty bucket keeps the catalogue's price,
 * so an override can change just the one price that differs.
 */
public final class OverrideFormModel {
    /** The buckets in form order, with the words the form shows. */
    public static final List<String> BUCKETS = List.of("Input", "Output", "Cache write 5m", "Cache write 1h", "Cache read",
            "Input above threshold", "Output above threshold");

    private final boolean editing;
    private final StringProperty model = new SimpleStringProperty("");
    private final List<StringProperty> prices = BUCKETS.stream().map(b -> (StringProperty) new SimpleStringProperty("")).toList();
    private final StringProperty threshold = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");

    OverrideFormModel(String modelName, PriceOverride existing) {
        this.editing = existing != null;
        model.set(modelName == null ? "" : modelName);
        if (existing != null) {
            List<BigDecimal> values = java.util.Arrays.asList(existing.inputPerMtok(), existing.outputPerMtok(),
                    existing.cacheWrite5mPerMtok(), existing.cacheWrite1hPerMtok(), existing.cacheReadPerMtok(),
                    existing.inputAboveThresholdPerMtok(), existing.outputAboveThresholdPerMtok());
            for (int i = 0; i < values.size(); i++) {
                prices.get(i).set(Inputs.text(values.get(i)));
            }
            threshold.set(Inputs.text(existing.longContextThreshold()));
        }
    }

    /** True when the model already has an override (the name is then fixed). */
    public boolean editing() { return editing; }
    public StringProperty modelProperty() { return model; }
    /** One field per {@link #BUCKETS} entry. */
    public List<StringProperty> prices() { return prices; }
    public StringProperty thresholdProperty() { return threshold; }
    public StringProperty errorProperty() { return error; }

    /** The override, or null with {@link #errorProperty()} saying what is wrong. */
    PriceOverride request() {
        List<Parsed<BigDecimal>> parsed = prices.stream().map(p -> Inputs.decimal(p.get())).toList();
        Parsed<Long> above = Inputs.whole(threshold.get(), 1);
        int bad = parsed.stream().map(Parsed::valid).toList().indexOf(false);
        String name = model.get().strip();
        String problem = name.isEmpty() ? "Name the model, as clients send it (e.g. claude-sonnet-4-5)."
                : name.contains("/") ? "Model names with \"/\" cannot be overridden from here."
                : bad >= 0 ? BUCKETS.get(bad) + " is a price in USD per million tokens, such as 3 or 0.30, or empty for the catalogue's."
                : parsed.stream().allMatch(Parsed::empty) ? "Enter at least one price; empty buckets keep the catalogue's."
                : !above.valid() ? "The threshold is a number of input tokens such as 200000, or empty." : "";
        error.set(problem);
        if (!problem.isEmpty()) {
            return null;
        }
        return new PriceOverride(name, parsed.get(0).value(), parsed.get(1).value(), parsed.get(2).value(),
                parsed.get(3).value(), parsed.get(4).value(), above.value(), parsed.get(5).value(), parsed.get(6).value(), null);
    }
}
