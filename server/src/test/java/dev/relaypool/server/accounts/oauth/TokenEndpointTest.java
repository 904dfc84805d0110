package dev.relaypool.server.accounts.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenEndpointTest {

    @Test
    void readsIssuedTokensWithRotationAndLifetime() {
        TokenResponse response = TokenEndpoint.interpret(200,
                "{\"access_token\":\"at-1\",\"refresh_token\":\"rt-1\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
        assertThat(response).isEqualTo(new TokenResponse.Issued("at-1", Optional.of("rt-1"), Optional.of(Duration.ofHours(1))));
        assertThat(response.toString()).doesNotContain("at-1").doesNotContain("rt-1");
    }

    @Test
    void keepsTheOldRefreshTokenWhenNoneIsReturned() {
        assertThat(TokenEndpoint.interpret(200, "{\"access_token\":\"at-2\"}"))
                .isEqualTo(new TokenResponse.Issued("at-2", Optional.empty(), Optional.empty()));
    }

    @Test
    void treatsARefusedGrantAsRejected() {
        assertThat(TokenEndpoint.interpret(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid refresh token\"}"))
                .isEqualTo(new TokenResponse.Rejected("invalid_grant", "Invalid refresh token"));
        assertThat(TokenEndpoint.interpret(401, "{\"error\":{\"type\":\"invalid_client\",\"message\":\"unknown client\"}}"))
                .isEqualTo(new TokenResponse.Rejected("invalid_client", "unknown client"));
    }

    @Test
    void treatsOutagesAndUnusableAnswersAsUnavailable() {
        assertThat(TokenEndpoint.interpret(503, "{\"error\":\"temporarily_unavailable\"}")).isInstanceOf(TokenResponse.Unavailable.class);
        assertThat(TokenEndpoint.interpret(429, "")).isInstanceOf(TokenResponse.Unavailable.class);
        assertThat(TokenEndpoint.interpret(200, "<html>")).isInstanceOf(TokenResponse.Unavailable.class);
        assertThat(TokenEndpoint.interpret(200, "{\"access_token\":\"has space\"}")).isInstanceOf(TokenResponse.Unavailable.class);
    }
}
