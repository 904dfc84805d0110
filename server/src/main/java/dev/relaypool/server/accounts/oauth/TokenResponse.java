package dev.relaypool.server.accounts.oauth;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What a provider's token endpoint answered. {@code toString} never prints a token. */
sealed interface TokenResponse {
    /** New tokens; {@code refreshToken} empty when the provider keeps the old one (no rotation). */
    record Issued(String accessToken, Optional<String> refreshToken, Optional<Duration> expiresIn) implements TokenResponse {
        public Issued {
            Objects.requireNonNull(accessToken, "accessToken");
            Objects.requireNonNull(refreshToken, "refreshToken");
            Objects.requireNonNull(expiresIn, "expiresIn");
        }

        @Override
        public String toString() {
            return "Issued[****, refresh=" + (refreshToken.isPresent() ? "rotated" : "kept") + ", expiresIn=" + expiresIn + "]";
        }
    }

    /** The provider refused the grant (RFC 6749 §5.2), e.g. {@code invalid_grant}: retrying will not help. */
    record Rejected(String error, String description) implements TokenResponse {
        public Rejected {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(description, "description");
        }
    }

    /** The endpoint could not be reached or answered nothing usable (network, 5xx, 429): worth retrying later. */
    record Unavailable(String reason) implements TokenResponse {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
