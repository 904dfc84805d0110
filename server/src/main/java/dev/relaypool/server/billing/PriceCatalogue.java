package dev.relaypool.server.billing;

import dev.relaypool.model.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable set of model prices in the LiteLLM catalogue format. The bundled default is
 * {@code prices/litellm-default.json}; the operator replaces or extends it at run time through {@link #parse},
 * {@link #merge} and {@link #replace}, each producing a new catalogue.
 */
public final class PriceCatalogue {
    private static final String BUNDLED = "/prices/litellm-default.json";

    private final Map<String, ModelPrice> models;
    /** Undated id → its only dated entry, for ids that have no entry of their own (see {@link ModelNames}). */
    private final Map<String, String> undatedAliases;

    PriceCatalogue(Map<String, ModelPrice> models) {
        this.models = Map.copyOf(models);
        this.undatedAliases = aliases(this.models);
    }

    public static PriceCatalogue empty() {
        return new PriceCatalogue(Map.of());
    }

    /** Parses and validates a document (typically an operator's upload). */
    public static CatalogueParse parse(String json) {
        return CatalogueParser.parse(json);
    }

    /** The catalogue shipped with the server; a broken bundled file is a build bug, hence the exception. */
    public static PriceCatalogue bundled() {
        try (InputStream in = PriceCatalogue.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("bundled price catalogue " + BUNDLED + " is missing");
            }
            return switch (parse(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
                case CatalogueParse.Valid valid -> valid.catalogue();
                case CatalogueParse.Invalid invalid ->
                        throw new IllegalStateException("bundled price catalogue is invalid: " + invalid.message());
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new catalogue: this one's models, with every model of {@code additions} added or replaced whole. */
    public PriceCatalogue merge(PriceCatalogue additions) {
        Map<String, ModelPrice> merged = new LinkedHashMap<>(models);
        merged.putAll(additions.models);
        return new PriceCatalogue(merged);
    }

    /** A new catalogue holding exactly {@code replacement}'s models (named for symmetry with {@link #merge}). */
    public PriceCatalogue replace(PriceCatalogue replacement) {
        return new PriceCatalogue(replacement.models);
    }

    /** The catalogue id that prices {@code model}, following the lookup rules of {@link ModelNames}. */
    public Optional<String> resolve(String model, Platform platform) {
        if (model == null) {
            return ModelNames.resolve(model, platform, models, undatedAliases);
        }
        ResolvedKey key = new ResolvedKey(model, platform);
        Optional<String> known = resolved.get(key);
        if (known != null) {
            return known;
        }
        Optional<String> found = ModelNames.resolve(model, platform, models, undatedAliases);
        if (resolved.size() < MAX_RESOLVED) { // names come from clients: the memo must not grow without bound
            resolved.put(key, found);
        }
        return found;
    }

    private record ResolvedKey(String model, Platform platform) {}

    /** Lookups remembered per catalogue (which never changes): a model name is resolved once, not per request. */
    private static final int MAX_RESOLVED = 10_000;
    private final java.util.concurrent.ConcurrentMap<ResolvedKey, Optional<String>> resolved =
            new java.util.concurrent.ConcurrentHashMap<>();

    public Optional<ModelPrice> find(String model, Platform platform) {
        return resolve(model, platform).map(models::get);
    }

    public int size() {
        return models.size();
    }

    public Set<String> models() {
        return models.keySet();
    }

    private static Map<String, String> aliases(Map<String, ModelPrice> models) {
        Map<String, String> aliases = new HashMap<>();
        Set<String> ambiguous = new java.util.HashSet<>();
        for (String id : models.keySet()) {
            ModelNames.withoutVersion(id).filter(undated -> !models.containsKey(undated)).ifPresent(undated -> {
                String previous = aliases.putIfAbsent(undated, id);
                // Two dated entries with different prices: choosing one would be a guess.
                if (previous != null && !models.get(previous).equals(models.get(id))) {
                    ambiguous.add(undated);
                }
            });
        }
        ambiguous.forEach(aliases::remove);
        return Map.copyOf(aliases);
    }
}
