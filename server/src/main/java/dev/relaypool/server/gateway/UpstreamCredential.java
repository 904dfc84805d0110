package dev.relaypool.server.gateway;

import java.util.Objects;

/** How the relay proves itself to the provider for one account. {@code toString} never prints the secret. */
public sealed interface UpstreamCredential {
    /** A provider API key: Anthropic {@code x-api-key}, OpenAI {@code Authorization: Bearer}, Gemini {@code x-goog-api-key}. */
    record ApiKey(String key) implements UpstreamCredential {
        public ApiKey {
            requireToken(key, "key");
        }

        @Override
        public String toString() {
            return "ApiKey[****]";
        }
    }

    /** An OAuth access token, always sent as {@code Authorization: Bearer}. */
    record OAuthBearer(String accessToken) implements UpstreamCredential {
        public OAuthBearer {
            requireToken(accessToken, "accessToken");
        }

        @Override
        public String toString() {
            return "OAuthBearer[****]";
        }
    }

    private static void requireToken(String token, String name) {
        Objects.requireNonNull(token, name);
        if (token.isBlank() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            // a header value with control characters would let a stored credential inject headers
            throw new IllegalArgumentException(name + " must be non-blank printable ASCII without spaces");
        }
    }
}
