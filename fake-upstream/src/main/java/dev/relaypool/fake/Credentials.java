package dev.relaypool.fake;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Finds the credential of a request the way each provider reads it. */
final class Credentials {
    private Credentials() {}

    static String of(String apiKey, String authorization, String googApiKey, String query) {
        if (apiKey != null && !apiKey.isBlank()) {
            return apiKey.strip();
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        if (googApiKey != null && !googApiKey.isBlank()) {
            return googApiKey.strip();
        }
        return queryParam(query, "key");
    }

    static String queryParam(String query, String name) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
