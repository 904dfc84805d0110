package dev.relaypool.desktop.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.desktop.testing.FakeAuthServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpAdminApiTest {
    private final FakeAuthServer server = new FakeAuthServer();
    private final HttpAdminApi api = new HttpAdminApi();

    HttpAdminApiTest() throws Exception {}

    @AfterEach
    void stop() {
        server.close();
    }

    private LoginOutcome login(String password, String totp) {
        return api.login(server.uri(), new LoginRequest(FakeAuthServer.EMAIL, password, totp));
    }

    @Test
    void signsInAndReadsTheUserWithTheAccessToken() {
        LoginOutcome outcome = login(FakeAuthServer.PASSWORD, null);

        assertThat(outcome).isInstanceOf(LoginOutcome.SignedIn.class);
        AuthTokens tokens = ((LoginOutcome.SignedIn) outcome).tokens();
        assertThat(tokens.user().displayName()).isEqualTo("Grace Operator");
        assertThat(tokens.accessTokenExpiresAt()).isAfter(java.time.Instant.now());
        assertThat(tokens.toString()).doesNotContain(tokens.accessToken()).doesNotContain(tokens.refreshToken());
        assertThat(api.me(server.uri(), tokens.accessToken())).isEqualTo(new ApiResult.Ok<>(tokens.user()));
        assertThat(api.me(server.uri(), "forged")).isInstanceOf(ApiResult.Unauthorized.class);
    }

    @Test
    void tellsWrongPasswordFromMissingTotpCode() {
        assertThat(login("wrong", null)).isInstanceOf(LoginOutcome.Rejected.class);
        server.totpRequired = true;
        assertThat(login(FakeAuthServer.PASSWORD, null)).isInstanceOf(LoginOutcome.TotpRequired.class);
        assertThat(login(FakeAuthServer.PASSWORD, FakeAuthServer.TOTP)).isInstanceOf(LoginOutcome.SignedIn.class);
    }

    @Test
    void readsTheWaitFromRetryAfter() {
        server.retryAfterSeconds = 42;

        assertThat(login(FakeAuthServer.PASSWORD, null)).isEqualTo(new LoginOutcome.TooManyAttempts(Duration.ofSeconds(42)));
    }

    @Test
    void refreshRotatesTheRefreshToken() {
        AuthTokens first = ((LoginOutcome.SignedIn) login(FakeAuthServer.PASSWORD, null)).tokens();

        LoginOutcome refreshed = api.refresh(server.uri(), first.refreshToken());

        assertThat(refreshed).isInstanceOf(LoginOutcome.SignedIn.class);
        assertThat(api.refresh(server.uri(), first.refreshToken())).isInstanceOf(LoginOutcome.Rejected.class);
    }

    @Test
    void closedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI nobody = URI.create("http://127.0.0.1:" + port + "/");

        assertThat(api.login(nobody, new LoginRequest("a@b.c", "x", null))).isInstanceOf(LoginOutcome.Unreachable.class);
        assertThat(api.ready(nobody)).isInstanceOf(ApiResult.Unreachable.class);
        assertThat(api.ready(server.uri())).isEqualTo(new ApiResult.Ok<>(true));
    }

    @Test
    void resolvesPathsBelowAServerPrefix() {
        assertThat(HttpAdminApi.url(URI.create("https://host/relay/"), "api/v1/me").toString())
                .isEqualTo("https://host/relay/api/v1/me");
        assertThat(HttpAdminApi.url(URI.create("http://host:8080/"), "readyz").toString()).isEqualTo("http://host:8080/readyz");
    }
}
