package dev.relaypool.server;

import static dev.relaypool.server.storage.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.relaypool.model.Platform;
import dev.relaypool.model.admin.AccountCreateRequest;
import dev.relaypool.model.admin.GroupMembership;
import dev.relaypool.model.auth.ApiKeyCreateRequest;
import dev.relaypool.model.auth.LoginRequest;
import dev.relaypool.model.auth.RefreshRequest;
import dev.relaypool.model.auth.TotpCodeRequest;
import dev.relaypool.model.member.KeyCreateRequest;
import dev.relaypool.server.accounts.oauth.FlowFinish;
import dev.relaypool.server.accounts.oauth.FlowStart;
import dev.relaypool.server.accounts.oauth.OAuthDraft;
import dev.relaypool.server.auth.Totp;
import dev.relaypool.server.testing.ApiClient;
import dev.relaypool.server.testing.LogCapture;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import dev.relaypool.server.users.PasswordHasher;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "No secret ever appears in a response, a log line or an error message": one scenario through the real relay with
 * everything the server logs captured at DEBUG — sign-in (wrong password, TOTP), keys, accounts with credentials,
 * an OAuth code exchange against the fake provider, relay requests whose upstream errors echo the credential, an
 * admin API key — then no secret used may appear in any captured line, nor in any answer other than the one that
 * hands that secret out.
 */
class SecretHygieneIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static final String ADMIN_PASSWORD = "hygiene-secret-admin-password-1";
    private static final String WRONG_PASSWORD = "hygiene-secret-wrong-password-2";
    private static final String UPSTREAM_KEY = "sk-ant-hygiene-secret-upstream-3";
    private static final String CLIENT_SECRET = "hygiene-secret-oauth-client-4";
    private static final String WRONG_MEMBER_KEY = "rp-hygiene-secret-not-a-key-5";

    /** Every secret of the scenario, with the answer that legitimately hands it out (null = none may). */
    private final Map<String, String> secrets = new HashMap<>();
    private final List<ApiClient.Reply> answers = new ArrayList<>();
    private final Map<ApiClient.Reply, String> answerNames = new HashMap<>();

    @Test
    void noSecretAppearsInAnyLogLineOrForeignAnswer() throws Exception {
        secrets.put(ADMIN_PASSWORD, null);
        secrets.put(WRONG_PASSWORD, null);
        secrets.put(UPSTREAM_KEY, null);
        secrets.put(CLIENT_SECRET, null);
        secrets.put(WRONG_MEMBER_KEY, null);
        HttpServer echo = echoingUpstream();
        try (LogCapture logs = LogCapture.capture();
             RelayFixture relay = RelayFixture.start(postgres, baseUrl -> Map.of(
                     "RELAYPOOL_SCHEDULING_ACCOUNT_WAIT_MS", "200", // the echoing account cools down: do not wait for it
                     "RELAYPOOL_OAUTH_ANTHROPIC_CLIENT_ID", "hygiene-client",
                     "RELAYPOOL_OAUTH_ANTHROPIC_CLIENT_SECRET", CLIENT_SECRET,
                     "RELAYPOOL_OAUTH_ANTHROPIC_REDIRECT_URI", "https://relay.example/oauth/callback",
                     "RELAYPOOL_OAUTH_ANTHROPIC_TOKEN_URL", baseUrl + "/v1/oauth/token"))) {
            ApiClient api = new ApiClient(relay.baseUrl());
            String email = "hygiene-admin@example.test";
            postgres.dsl().insertInto(USERS).set(USERS.EMAIL, email)
                    .set(USERS.PASSWORD_HASH, new PasswordHasher().hash(ADMIN_PASSWORD)).set(USERS.ROLE, "admin").execute();

            record(api.call("POST", "/api/v1/auth/login", new LoginRequest(email, WRONG_PASSWORD, null), null), "wrong password");
            ApiClient.Reply login = record(api.call("POST", "/api/v1/auth/login", new LoginRequest(email, ADMIN_PASSWORD, null), null), "login");
            String token = issued(login, "accessToken", "login");
            issued(login, "refreshToken", "login");

            ApiClient.Reply setup = record(api.call("POST", "/api/v1/me/totp/setup", null, token), "totp setup");
            String totpSecret = issued(setup, "secret", "totp setup");
            secrets.put(setup.body().path("otpauthUri").asText(), "totp setup");
            Totp totp = new Totp(Clock.systemUTC(), new SecureRandom());
            record(api.call("POST", "/api/v1/me/totp/enable", new TotpCodeRequest(totp.currentCode(totpSecret)), token), "totp enable");
            record(api.call("POST", "/api/v1/auth/login", new LoginRequest(email, ADMIN_PASSWORD, "000000"), null), "wrong totp");
            // the enabling code's step is used up; the next step's code is accepted (one step of clock drift)
            Totp nextStep = new Totp(Clock.offset(Clock.systemUTC(), java.time.Duration.ofSeconds(30)), new SecureRandom());
            ApiClient.Reply second = record(api.call("POST", "/api/v1/auth/login",
                    new LoginRequest(email, ADMIN_PASSWORD, nextStep.currentCode(totpSecret)), null), "totp login");
            token = issued(second, "accessToken", "totp login");
            String refresh = issued(second, "refreshToken", "totp login");
            ApiClient.Reply refreshed = record(api.call("POST", "/api/v1/auth/refresh", new RefreshRequest(refresh), null), "refresh");
            token = issued(refreshed, "accessToken", "refresh");
            issued(refreshed, "refreshToken", "refresh");

            ApiClient.Reply adminKey = record(api.call("POST", "/api/v1/admin/api-keys", new ApiKeyCreateRequest("hygiene"), token), "admin key");
            String adminApiKey = issued(adminKey, "key", "admin key");
            record(api.get("/api/v1/admin/users", adminApiKey), "users by admin key");
            record(api.get("/api/v1/admin/users", adminApiKey + "x"), "wrong admin key");

            long member = relay.user(new java.math.BigDecimal("10"));
            long group = relay.group(Platform.ANTHROPIC);
            String echoUrl = "http://127.0.0.1:" + echo.getAddress().getPort();
            ApiClient.Reply account = record(api.call("POST", "/api/v1/admin/accounts", new AccountCreateRequest("echoing",
                    Platform.ANTHROPIC, echoUrl, UPSTREAM_KEY, null, null, null, null, null,
                    List.of(new GroupMembership(group, 10))), token), "account create");
            assertThat(account.status()).as(account.text()).isEqualTo(201);
            record(api.get("/api/v1/admin/accounts", token), "account list");
            ApiClient.Reply key = record(api.call("POST", "/api/v1/admin/users/" + member + "/keys",
                    new KeyCreateRequest("hygiene", group, null, null), token), "key create");
            String memberKey = key.body().path("key").asText();
            secrets.put(memberKey, "key create");
            record(api.get("/api/v1/admin/users/" + member + "/keys", token), "key list");

            for (int i = 0; i < 2; i++) {
                answers.add(gateway(relay, memberKey, "relay via echoing upstream " + i));
            }
            answers.add(gateway(relay, WRONG_MEMBER_KEY, "relay with a wrong key"));

            FlowStart.Started started = (FlowStart.Started) relay.server.parts().oauth().flows().start(
                    OAuthDraft.newAccount("hygiene-oauth", Platform.ANTHROPIC).withBaseUrl(relay.upstream.baseUrl()));
            secrets.put(started.state(), null);
            FlowFinish finish = relay.server.parts().oauth().flows().finish(Optional.empty(), "hygiene-secret-code-6#" + started.state());
            assertThat(finish).isInstanceOf(FlowFinish.Connected.class);
            long tokens = relay.upstream.tokenCalls();
            secrets.put("fake-access-token-" + tokens, null);
            secrets.put("fake-refresh-token-" + tokens, null);
            secrets.put("hygiene-secret-code-6", null);
            long oauthGroup = relay.group(Platform.ANTHROPIC);
            relay.server.parts().accounts().linkToGroup(((FlowFinish.Connected) finish).accountId(), oauthGroup, 10);
            String oauthMemberKey = relay.key(relay.user(new java.math.BigDecimal("10")), oauthGroup);
            secrets.put(oauthMemberKey, null);
            answers.add(gateway(relay, oauthMemberKey, "relay via OAuth account"));
            record(api.get("/api/v1/admin/accounts", token), "account list with OAuth");

            List<String> lines = logs.lines();
            assertThat(lines).as("the scenario was logged").isNotEmpty();
            for (Map.Entry<String, String> secret : secrets.entrySet()) {
                assertThat(lines).as("log lines vs a secret issued by " + secret.getValue())
                        .noneMatch(line -> line.contains(secret.getKey()));
                for (ApiClient.Reply answer : answers) {
                    if (!answerNames.getOrDefault(answer, "").equals(secret.getValue())) {
                        assertThat(answer.text()).as(answerNames.get(answer) + " vs a secret issued by " + secret.getValue())
                                .doesNotContain(secret.getKey());
                    }
                }
            }
        } finally {
            echo.stop(0);
        }
    }

    private ApiClient.Reply record(ApiClient.Reply reply, String name) {
        answers.add(reply);
        answerNames.put(reply, name);
        return reply;
    }

    private String issued(ApiClient.Reply reply, String field, String name) {
        String value = reply.body().path(field).asText();
        assertThat(value).as(name + " " + field + ": " + reply.status()).isNotBlank();
        secrets.put(value, name);
        return value;
    }

    private ApiClient.Reply gateway(RelayFixture relay, String key, String name) {
        ApiClient.Reply reply = new ApiClient(relay.baseUrl()).call("POST", "/v1/messages?beta=true",
                "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                key);
        answerNames.put(reply, name);
        return reply;
    }

    /** An upstream that refuses every call and, like some real ones do, echoes the credential it was sent. */
    private static HttpServer echoingUpstream() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String presented = exchange.getRequestHeaders().getFirst("x-api-key") + " / "
                    + exchange.getRequestHeaders().getFirst("authorization");
            byte[] body = ("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":"
                    + "\"invalid x-api-key: " + presented + "\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.getResponseHeaders().add("www-authenticate", "Bearer realm=\"" + presented + "\"");
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().contains("count") ? 400 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }
}
