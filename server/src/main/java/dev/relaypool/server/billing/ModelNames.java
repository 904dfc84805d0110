package dev.relaypool.server.billing;

import dev.relaypool.model.Platform;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a model id from real traffic finds its price entry: exact id, then the provider-prefixed form, then with
 * one date/version suffix removed (and, through the alias index, a bare id finding its only dated entry). Nothing
 * fuzzier: a wrong price is worse than an unpriced model, which the operator sees and fixes.
 */
final class ModelNames {
    /** Anthropic -20250929 / @20250929, OpenAI -2024-08-06 and -0613, Gemini -001. */
    private static final Pattern VERSION_SUFFIX =
            Pattern.compile("(?:[-@]\\d{8}|-\\d{4}-\\d{2}-\\d{2}|-\\d{4}|-\\d{3})$");
    private static final List<String> KNOWN_PREFIXES = List.of("anthropic/", "openai/", "gemini/", "vertex_ai/");

    private ModelNames() {}

    /** The ids to try, most specific first. {@code platform} may be null when unknown. */
    static List<String> candidates(String model, Platform platform) {
        Set<String> names = new LinkedHashSet<>();
        String bare = withoutPrefix(model);
        names.add(model);
        names.add(bare);
        prefixFor(platform).ifPresent(prefix -> names.add(prefix + bare));
        Optional<String> undated = withoutVersion(bare);
        undated.ifPresent(u -> {
            names.add(u);
            prefixFor(platform).ifPresent(prefix -> names.add(prefix + u));
        });
        return List.copyOf(names);
    }

    static Optional<String> withoutVersion(String model) {
        String stripped = VERSION_SUFFIX.matcher(model).replaceFirst("");
        return stripped.equals(model) || stripped.isEmpty() ? Optional.empty() : Optional.of(stripped);
    }

    /** First candidate present in {@code entries}, else a dated entry whose undated form is unique and matches. */
    static <T> Optional<String> resolve(String model, Platform platform, Map<String, T> entries,
                                        Map<String, String> undatedAliases) {
        if (entries.containsKey(model)) { // the first candidate, and the usual case: no list, no pattern
            return Optional.of(model);
        }
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        List<String> candidates = candidates(model, platform);
        for (String candidate : candidates) {
            if (entries.containsKey(candidate)) {
                return Optional.of(candidate);
            }
        }
        for (String candidate : candidates) {
            String alias = undatedAliases.get(candidate);
            if (alias != null) {
                return Optional.of(alias);
            }
        }
        return Optional.empty();
    }

    private static String withoutPrefix(String model) {
        for (String prefix : KNOWN_PREFIXES) {
            if (model.startsWith(prefix)) {
                return model.substring(prefix.length());
            }
        }
        return model.startsWith("models/") ? model.substring("models/".length()) : model;
    }

    private static Optional<String> prefixFor(Platform platform) {
        if (platform == null) {
            return Optional.empty();
        }
        return Optional.of(switch (platform) {
            case ANTHROPIC -> "anthropic/";
            case OPENAI -> "openai/";
            case GEMINI -> "gemini/";
        });
    }
}
