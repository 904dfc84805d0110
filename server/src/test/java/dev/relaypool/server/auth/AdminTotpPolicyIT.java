package dev.relaypool.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.auth.LoginRequest;
import dev.relaypool.server.RelaypoolServer;
import dev.relaypool.server.auth.ApiCalls.Reply;
import dev.relaypool.server.testing.PostgresExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** security.require-admin-totp = true: an admin without TOTP enrols at sign-in; members are not affected. */
class AdminTotpPolicyIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    static Path dataDir;
    private static RelaypoolServer server;
    private static ApiCalls api;

    @BeforeAll
    static void start() {
        server = AuthServerFixture.start(postgres, dataDir, Map.of("RELAYPOOL_SECURITY_REQUIRE_ADMIN_TOTP", "true"));
        api = new ApiCalls(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Reply login(String email, String code) {
        return api.call("POST", "/api/v1/auth/login", new LoginRequest(email, PASSWORD, code), null, null);
    }

    @Test
    void anAdminWithoutTotpEnrolsAndTheFirstGoodCodeTurnsItOn() {
        AuthServerFixture.createUser(postgres, "root@example.com", PASSWORD, "admin");
        Reply refused = login("root@example.com", null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("totp_setup_required");

        Reply enrol = api.call("POST", "/api/v1/auth/totp/enroll", Map.of("email", "root@example.com", "password", PASSWORD),
                null, null);
        assertThat(enrol.status()).isEqualTo(200);
        assertThat(enrol.body().path("otpauthUri").asText()).startsWith("otpauth://totp/Relaypool:root%40example.com?secret=");
        String secret = enrol.body().path("secret").asText();

        assertThat(login("root@example.com", "000000").status()).isIn(401, 403);
        Reply in = login("root@example.com", Totp.code(Base32.decode(secret), System.currentTimeMillis() / 30_000));
        assertThat(in.status()).isEqualTo(200);
        assertThat(in.body().path("user").path("totpEnabled").asBoolean()).isTrue();

        String access = in.body().path("accessToken").asText();
        Reply disable = api.call("POST", "/api/v1/me/totp/disable",
                Map.of("code", Totp.code(Base32.decode(secret), System.currentTimeMillis() / 30_000 + 1)), access, null);
        assertThat(disable.status()).isEqualTo(403);
        assertThat(login("root@example.com", null).errorCode()).isEqualTo("totp_required");
    }

    @Test
    void membersSignInWithoutTotpAndCannotUseTheAdminEnrolment() {
        AuthServerFixture.createUser(postgres, "member@example.com", PASSWORD, "member");
        assertThat(login("member@example.com", null).status()).isEqualTo(200);
        assertThat(api.call("POST", "/api/v1/auth/totp/enroll", Map.of("email", "member@example.com", "password", PASSWORD),
                null, null).errorCode()).isEqualTo("conflict");
    }
}
