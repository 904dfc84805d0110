package dev.relaypool.model.auth;

import java.time.Instant;
import java.util.Objects;

/** A fresh access token (Bearer, short-lived) and refresh token (single use) for {@code user}. */
public record TokenResponse(String accessToken, Instant accessTokenExpiresAt, String refreshToken,
                            Instant refreshTokenExpiresAt, UserView user) {
    public TokenResponse {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(refreshTokenExpiresAt, "refreshTokenExpiresAt");
        Objects.requireNonNull(user, "user");
    }

    @Override
    public String toString() {
        return "TokenResponse[user=" + user + ", accessTokenExpiresAt=" + accessTokenExpiresAt + "]";
    }
}
