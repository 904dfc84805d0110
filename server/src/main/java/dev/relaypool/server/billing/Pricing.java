package dev.relaypool.server.billing;

import dev.relaypool.model.Platform;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The prices in force: a catalogue plus the operator's per-model overrides. Immutable; an admin change produces a
 * new {@code Pricing}, which the owner publishes (for example through an {@code AtomicReference}) for readers.
 *
 * <p>An override is keyed by model id and found with the same lookup rules as catalogue entries; its stated fields
 * win over the catalogue's field by field, so an operator can reprice one bucket and keep the rest. An override
 * with an input price also prices a model the catalogue does not know.
 */
public record Pricing(PriceCatalogue catalogue, Map<String, ModelPrice> overrides) {
    public Pricing {
        Objects.requireNonNull(catalogue, "catalogue");
        overrides = Map.copyOf(overrides);
    }

    public static Pricing of(PriceCatalogue catalogue) {
        return new Pricing(catalogue, Map.of());
    }

    /** The effective price of {@code model}, or empty when neither catalogue nor override prices it. */
    public Optional<ModelPrice> find(String model, Platform platform) {
        Optional<ModelPrice> listed = catalogue.find(model, platform);
        Optional<ModelPrice> override = ModelNames.resolve(model, platform, overrides, Map.of()).map(overrides::get);
        Optional<ModelPrice> effective = override.isEmpty() ? listed
                : Optional.of(listed.map(price -> price.overriddenBy(override.get())).orElse(override.get()));
        return effective.filter(ModelPrice::priced);
    }

    public Pricing withCatalogue(PriceCatalogue replacement) {
        return new Pricing(replacement, overrides);
    }

    public Pricing withOverride(String model, ModelPrice override) {
        Map<String, ModelPrice> changed = new HashMap<>(overrides);
        changed.put(model, override);
        return new Pricing(catalogue, changed);
    }

    public Pricing withoutOverride(String model) {
        Map<String, ModelPrice> changed = new HashMap<>(overrides);
        changed.remove(model);
        return new Pricing(catalogue, changed);
    }
}
