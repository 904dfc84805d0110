package dev.relaypool.desktop.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Objects;

/** Answer of login and refresh. Held in memory only, never written to disk or logged. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuthTokens(
        String accessToken,
        Instant accessTokenExpiresAt,
        String refreshToken,
        Instant refreshTokenExpiresAt,
        UserInfo user) {
    public AuthTokens {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(refreshTokenExpiresAt, "refreshTokenExpiresAt");
        Objects.requireNonNull(user, "user");
    }

    @Override
    public String toString() { // keeps tokens out of logs and debugger dumps
        return "AuthTokens[user=" + user.email() + ", accessTokenExpiresAt=" + accessTokenExpiresAt + "]";
    }
}
