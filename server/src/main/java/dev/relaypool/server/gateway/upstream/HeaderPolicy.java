package dev.relaypool.server.gateway.upstream;

import java.util.Locale;
import java.util.Set;

/**
 * Which headers cross the relay, by allow-list in both directions. Everything else stays behind: the member's
 * Relaypool key, cookies, forwarding and hop-by-hop headers on the way up; account identifiers (organisation,
 * project), cookies, encodings and framing on the way down.
 */
public final class HeaderPolicy {
    private static final Set<String> REQUEST = Set.of(
            "anthropic-version", "anthropic-beta", "anthropic-dangerous-direct-browser-access",
            "user-agent", "accept", "content-type", "idempotency-key",
            "x-claude-code-session-id", "x-app", "session_id", "conversation_id",
            "openai-beta", "originator", "x-goog-api-client");
    private static final Set<String> REQUEST_PREFIXES = Set.of("x-stainless-");

    private static final Set<String> RESPONSE = Set.of(
            "content-type", "request-id", "x-request-id", "retry-after", "retry-after-ms", "cache-control",
            "openai-processing-ms");
    private static final Set<String> RESPONSE_PREFIXES = Set.of("anthropic-ratelimit-", "x-ratelimit-");

    private HeaderPolicy() {}

    public static boolean forwardsRequestHeader(String name) {
        return allowed(name, REQUEST, REQUEST_PREFIXES);
    }

    public static boolean returnsResponseHeader(String name) {
        return allowed(name, RESPONSE, RESPONSE_PREFIXES);
    }

    private static boolean allowed(String name, Set<String> exact, Set<String> prefixes) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (exact.contains(lower)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (lower.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
