package dev.relaypool.server.auth;

import static dev.relaypool.server.storage.schema.Tables.INVITATION_CODES;
import static dev.relaypool.server.storage.schema.Tables.REFRESH_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.auth.LoginRequest;
import dev.relaypool.server.RelaypoolServer;
import dev.relaypool.server.auth.ApiCalls.Reply;
import dev.relaypool.server.testing.PostgresExtension;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in, sessions, TOTP, admin keys and registration against the real server and a real PostgreSQL. */
class AuthApiIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    static Path dataDir;
    private static RelaypoolServer server;
    private static ApiCalls api;

    @BeforeAll
    static void start() {
        server = AuthServerFixture.start(postgres, dataDir, Map.of());
        api = new ApiCalls(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Each test signs in from its own address, so the per-address limit of one test does not leak into another. */
    private static String newAddress() {
        return "203.0.113." + ADDRESSES.getAndIncrement();
    }

    private static Reply login(String email, String password, String code, String from) {
        return api.call("POST", "/api/v1/auth/login", new LoginRequest(email, password, code), null, from);
    }

    private static Reply signedIn(String email, String role) {
        AuthServerFixture.createUser(postgres, email, PASSWORD, role);
        Reply reply = login(email, PASSWORD, null, newAddress());
        assertThat(reply.status()).isEqualTo(200);
        return reply;
    }

    @Test
    void loginAnswersATokenPairAndAStrictHttpOnlyRefreshCookie() {
        Reply reply = signedIn("ann@example.com", "member");

        assertThat(reply.body().path("user").path("email").asText()).isEqualTo("ann@example.com");
        assertThat(reply.body().path("user").path("role").asText()).isEqualTo("member");
        assertThat(reply.body().path("accessToken").asText()).startsWith("v1.");
        String cookie = reply.header("set-cookie").orElseThrow();
        assertThat(cookie).startsWith("relaypool_refresh=" + reply.body().path("refreshToken").asText())
                .contains("HttpOnly").contains("SameSite=Strict").containsIgnoringCase("path=/api/v1/auth")
                .contains("Max-Age=2592000").doesNotContain("Secure");
        Reply me = api.call("GET", "/api/v1/me", null, reply.body().path("accessToken").asText(), null);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("email").asText()).isEqualTo("ann@example.com");
        assertThat(me.body().path("totpEnabled").asBoolean()).isFalse();
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswerAfterTheSameWork() {
        AuthServerFixture.createUser(postgres, "bea@example.com", PASSWORD, "member");
        long wrongPassword = Long.MAX_VALUE;
        long unknownEmail = Long.MAX_VALUE;
        Reply wrong = null;
        Reply unknown = null;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            wrong = login("bea@example.com", "not the password", null, newAddress());
            wrongPassword = Math.min(wrongPassword, System.nanoTime() - start);
            start = System.nanoTime();
            unknown = login("nobody@example.com", "not the password", null, newAddress());
            unknownEmail = Math.min(unknownEmail, System.nanoTime() - start);
        }

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());
        assertThat(wrong.errorCode()).isEqualTo("invalid_credentials");
        // both verify an Argon2id hash: same order of magnitude, whatever else the machine is doing
        assertThat(unknownEmail).isGreaterThan(wrongPassword / 4);
    }

    @Test
    void fiveFailuresLockTheAccountEvenForTheRightPasswordWithRetryAfter() {
        AuthServerFixture.createUser(postgres, "cid@example.com", PASSWORD, "member");
        for (int i = 0; i < 5; i++) {
            assertThat(login("cid@example.com", "guess " + i, null, newAddress()).status()).isEqualTo(401);
        }

        Reply locked = login("CID@example.com", PASSWORD, null, newAddress());
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.errorCode()).isEqualTo("too_many_attempts");
        assertThat(Long.parseLong(locked.header("retry-after").orElseThrow())).isBetween(1L, 900L);
    }

    @Test
    void twentyFailuresFromOneAddressBlockThatAddressOnly() {
        String sprayer = newAddress();
        for (int i = 0; i < 20; i++) {
            login("spray" + i + "@example.com", "guess", null, sprayer);
        }
        AuthServerFixture.createUser(postgres, "dan@example.com", PASSWORD, "member");

        assertThat(login("dan@example.com", PASSWORD, null, sprayer).status()).isEqualTo(429);
        assertThat(login("dan@example.com", PASSWORD, null, newAddress()).status()).isEqualTo(200);
    }

    @Test
    void refreshRotatesAndAReusedTokenEndsTheWholeSession() {
        String first = signedIn("eve@example.com", "member").body().path("refreshToken").asText();

        Reply rotated = api.call("POST", "/api/v1/auth/refresh", Map.of("refreshToken", first), null, null);
        assertThat(rotated.status()).isEqualTo(200);
        String second = rotated.body().path("refreshToken").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(postgres.dsl().fetchExists(REFRESH_TOKENS, REFRESH_TOKENS.TOKEN_HASH.eq(Sessions.sha256(second)))).isTrue();

        Reply reused = api.call("POST", "/api/v1/auth/refresh", Map.of("refreshToken", first), null, null);
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.errorCode()).isEqualTo("invalid_refresh_token");
        assertThat(api.call("POST", "/api/v1/auth/refresh", Map.of("refreshToken", second), null, null).status())
                .isEqualTo(401);
    }

    @Test
    void theBrowserRefreshesWithTheCookieAndLogoutEndsTheSession() {
        String token = signedIn("fay@example.com", "member").body().path("refreshToken").asText();

        Reply refreshed = api.call("POST", "/api/v1/auth/refresh", null, null, null, "relaypool_refresh=" + token);
        assertThat(refreshed.status()).isEqualTo(200);
        String current = refreshed.body().path("refreshToken").asText();

        Reply logout = api.call("POST", "/api/v1/auth/logout", null, null, null, "relaypool_refresh=" + current);
        assertThat(logout.status()).isEqualTo(204);
        assertThat(logout.header("set-cookie").orElseThrow()).startsWith("relaypool_refresh=")
                .contains("Expires=Thu, 01-Jan-1970 00:00:00 GMT");
        assertThat(api.call("POST", "/api/v1/auth/refresh", Map.of("refreshToken", current), null, null).status())
                .isEqualTo(401);
    }

    @Test
    void logoutAllRefusesEveryAccessTokenIssuedBefore() {
        Reply a = signedIn("gus@example.com", "member");
        Reply b = login("gus@example.com", PASSWORD, null, newAddress());
        String accessA = a.body().path("accessToken").asText();
        String accessB = b.body().path("accessToken").asText();

        assertThat(api.call("POST", "/api/v1/auth/logout-all", null, accessA, null).status()).isEqualTo(204);

        Reply refused = api.call("GET", "/api/v1/me", null, accessB, null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.errorCode()).isEqualTo("unauthenticated");
        assertThat(api.call("GET", "/api/v1/me", null, accessA, null).status()).isEqualTo(401);
        assertThat(api.call("POST", "/api/v1/auth/refresh", Map.of("refreshToken", b.body().path("refreshToken").asText()),
                null, null).status()).isEqualTo(401);
        String fresh = login("gus@example.com", PASSWORD, null, newAddress()).body().path("accessToken").asText();
        assertThat(api.call("GET", "/api/v1/me", null, fresh, null).status()).isEqualTo(200);
    }

    @Test
    void withTotpOnLoginNeedsAFreshCode() {
        String access = signedIn("hal@example.com", "member").body().path("accessToken").asText();
        String secret = api.call("POST", "/api/v1/me/totp/setup", null, access, null).body().path("secret").asText();
        long step = System.currentTimeMillis() / 1000 / Totp.STEP_SECONDS;
        String now = Totp.code(Base32.decode(secret), step);

        Reply enabled = api.call("POST", "/api/v1/me/totp/enable", Map.of("code", now), access, null);
        assertThat(enabled.status()).isEqualTo(200);
        assertThat(enabled.body().path("totpEnabled").asBoolean()).isTrue();

        String from = newAddress();
        assertThat(login("hal@example.com", PASSWORD, null, from).errorCode()).isEqualTo("totp_required");
        assertThat(login("hal@example.com", PASSWORD, now, from).errorCode()).isEqualTo("invalid_totp_code"); // replay
        Reply ok = login("hal@example.com", PASSWORD, Totp.code(Base32.decode(secret), step + 1), from);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body().path("user").path("totpEnabled").asBoolean()).isTrue();
    }

    @Test
    void anAdminKeyWorksOnAdminRoutesWhereAMemberGets403() {
        String admin = signedIn("ivy@example.com", "admin").body().path("accessToken").asText();
        String member = signedIn("jon@example.com", "member").body().path("accessToken").asText();

        Reply created = api.call("POST", "/api/v1/admin/api-keys", Map.of("name", "ci"), admin, null);
        assertThat(created.status()).isEqualTo(200);
        String key = created.body().path("key").asText();
        assertThat(key).startsWith("rpa_");

        assertThat(api.call("GET", "/api/v1/admin/settings", null, key, null).body().path("registration").asText())
                .isEqualTo("closed");
        Reply forbidden = api.call("GET", "/api/v1/admin/settings", null, member, null);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.errorCode()).isEqualTo("forbidden");
        assertThat(api.call("GET", "/api/v1/admin/settings", null, null, null).errorCode()).isEqualTo("unauthenticated");
        assertThat(api.call("GET", "/api/v1/me", null, key, null).status()).isEqualTo(403);
        assertThat(api.call("GET", "/api/v1/admin/api-keys", null, admin, null).body().toString()).doesNotContain(key);

        long id = created.body().path("id").asLong();
        assertThat(api.call("DELETE", "/api/v1/admin/api-keys/" + id, null, admin, null).status()).isEqualTo(204);
        assertThat(api.call("GET", "/api/v1/admin/settings", null, key, null).status()).isEqualTo(401);
    }

    @Test
    void registrationFollowsTheSetting() {
        String admin = signedIn("kim@example.com", "admin").body().path("accessToken").asText();
        Map<String, String> newcomer = Map.of("email", "new@example.com", "password", "a long password");
        assertThat(api.call("POST", "/api/v1/auth/register", newcomer, null, null).errorCode()).isEqualTo("registration_closed");

        assertThat(api.call("PUT", "/api/v1/admin/settings", Map.of("registration", "open"), admin, null).status()).isEqualTo(200);
        Reply registered = api.call("POST", "/api/v1/auth/register", newcomer, null, null);
        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.body().path("user").path("role").asText()).isEqualTo("member");
        assertThat(api.call("POST", "/api/v1/auth/register", newcomer, null, null).errorCode()).isEqualTo("email_taken");

        api.call("PUT", "/api/v1/admin/settings", Map.of("registration", "invitation"), admin, null);
        postgres.dsl().insertInto(INVITATION_CODES).set(INVITATION_CODES.CODE, "WELCOME-1").execute();
        Map<String, String> invited = Map.of("email", "inv@example.com", "password", "a long password", "invitationCode", "WELCOME-1");
        assertThat(api.call("POST", "/api/v1/auth/register", Map.of("email", "x@example.com", "password", "a long password"),
                null, null).errorCode()).isEqualTo("invalid_invitation");
        assertThat(api.call("POST", "/api/v1/auth/register", invited, null, null).status()).isEqualTo(200);
        assertThat(api.call("POST", "/api/v1/auth/register", Map.of("email", "inv2@example.com", "password", "a long password",
                "invitationCode", "WELCOME-1"), null, null).errorCode()).isEqualTo("invalid_invitation");

        api.call("PUT", "/api/v1/admin/settings", Map.of("registration", "closed"), admin, null);
    }

    @Test
    void badBodiesAreNamedAndChangingThePasswordSignsOutOtherSessions() {
        Reply first = signedIn("lea@example.com", "member");
        String access = first.body().path("accessToken").asText();
        Reply bad = api.call("POST", "/api/v1/me/password", "{\"currentPassword\":", access, null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorCode()).isEqualTo("invalid_json");
        assertThat(api.call("POST", "/api/v1/me/password", Map.of("currentPassword", "wrong one", "newPassword", "another long one"),
                access, null).errorCode()).isEqualTo("invalid_credentials");

        Reply changed = api.call("POST", "/api/v1/me/password",
                Map.of("currentPassword", PASSWORD, "newPassword", "another long one"), access, null);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(api.call("POST", "/api/v1/auth/refresh", Map.of("refreshToken", first.body().path("refreshToken").asText()),
                null, null).status()).isEqualTo(401);
        assertThat(api.call("GET", "/api/v1/me", null, changed.body().path("accessToken").asText(), null).status()).isEqualTo(200);
        assertThat(login("lea@example.com", "another long one", null, newAddress()).status()).isEqualTo(200);
    }
}
