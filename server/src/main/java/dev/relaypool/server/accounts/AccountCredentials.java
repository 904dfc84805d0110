package dev.relaypool.server.accounts;

import dev.relaypool.server.gateway.UpstreamCredential;
import java.time.Instant;
import java.util.Objects;

/** An account's secret, stored encrypted as JSON. {@code toString} never prints it. */
public sealed interface AccountCredentials {
    UpstreamCredential toUpstream();

    record ApiKey(String apiKey) implements AccountCredentials {
        public ApiKey {
            Objects.requireNonNull(apiKey, "apiKey");
        }

        @Override
        public UpstreamCredential toUpstream() {
            return new UpstreamCredential.ApiKey(apiKey);
        }

        @Override
        public String toString() {
            return "ApiKey[****]";
        }
    }

    /** OAuth tokens; {@code expiresAt} of the access token drives the background refresh. */
    record OAuth(String accessToken, String refreshToken, Instant expiresAt) implements AccountCredentials {
        public OAuth {
            Objects.requireNonNull(accessToken, "accessToken");
        }

        @Override
        public UpstreamCredential toUpstream() {
            return new UpstreamCredential.OAuthBearer(accessToken);
        }

        @Override
        public String toString() {
            return "OAuth[****, expiresAt=" + expiresAt + "]";
        }
    }
}
