package dev.relaypool.server.accounts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An account's model mapping, which is also its model allow-list. Keys are requested model names, exact or with
 * {@code *} wildcards; values are the upstream model to send ({@code *} alone, or an empty value, keeps the requested
 * name). The longest matching pattern wins; an exact name beats any wildcard of equal length. An empty mapping
 * allows every model unchanged.
 */
public record ModelMapping(Map<String, String> entries) {
    public static final ModelMapping ALLOW_ALL = new ModelMapping(Map.of());

    public ModelMapping {
        entries = Map.copyOf(new LinkedHashMap<>(entries));
        for (var entry : entries.entrySet()) {
            if (entry.getKey().isBlank()) {
                throw new IllegalArgumentException("a model mapping pattern must not be blank");
            }
        }
    }

    /** The upstream model for {@code requested}, or empty when this account does not serve it. */
    public Optional<String> upstreamModel(String requested) {
        if (entries.isEmpty()) {
            return Optional.of(requested);
        }
        String bestPattern = null;
        for (String pattern : entries.keySet()) {
            if (matches(pattern, requested) && better(pattern, bestPattern)) {
                bestPattern = pattern;
            }
        }
        if (bestPattern == null) {
            return Optional.empty();
        }
        String target = entries.get(bestPattern);
        return Optional.of(target == null || target.isBlank() || target.equals("*") ? requested : target);
    }

    private static boolean better(String candidate, String best) {
        if (best == null) {
            return true;
        }
        if (candidate.length() != best.length()) {
            return candidate.length() > best.length();
        }
        return !candidate.contains("*") && best.contains("*");
    }

    /** Glob match where {@code *} stands for any run of characters (including none). */
    static boolean matches(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == text.charAt(t) && pattern.charAt(p) != '*') {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
