package dev.relaypool.server.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaypool.model.Platform;
import dev.relaypool.model.member.KeyCreateRequest;
import dev.relaypool.model.member.KeyIpRules;
import dev.relaypool.server.testing.ApiClient;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Per-key client address lists and the invalid-key throttle, through the real relay. The relay trusts loopback as a
 * proxy, so each test picks its client address with X-Forwarded-For; a second relay that trusts no proxy shows the
 * header is ignored then.
 */
class KeyAddressIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MESSAGES = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":8,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    /** Both relays read the same accounts, so they share the key that encrypts their credentials. */
    private static final String MASTER_KEY = "RELAYPOOL_SECURITY_MASTER_KEY";
    private static final String MASTER_KEY_VALUE = java.util.Base64.getEncoder().encodeToString(new byte[32]);
    private static RelayFixture relay;
    private static ApiClient api;
    private static String admin;
    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).build();

    @BeforeAll
    static void start() {
        relay = RelayFixture.start(postgres, Map.of(MASTER_KEY, MASTER_KEY_VALUE,
                "RELAYPOOL_SERVER_TRUSTED_PROXIES", "127.0.0.1/32,::1/128",
                "RELAYPOOL_SECURITY_INVALID_KEY_LIMIT", "5", "RELAYPOOL_SECURITY_INVALID_KEY_WINDOW_SECONDS", "600"));
        api = new ApiClient(relay.baseUrl());
        admin = api.signUp(postgres, "admin").token();
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    @Test
    void servesOnlyAddressesOnTheAllowListIpv4AndIpv6() throws IOException {
        RelayFixture.Member member = relay.member(Platform.ANTHROPIC);
        setRules(member, List.of("203.0.113.0/24", "2001:db8::/32"), List.of());

        assertThat(anthropic(member.key(), "203.0.113.9").code()).isEqualTo(200);
        assertThat(anthropic(member.key(), "2001:db8::7").code()).isEqualTo(200);
        Reply refused = anthropic(member.key(), "198.51.100.7");
        JsonNode body = json(refused, 403);
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo("permission_error");
        assertThat(body.path("error").path("message").asText()).contains("198.51.100.7").contains("allow list");
        assertThat(json(anthropic(member.key(), "2001:db9::1"), 403).toString()).contains("2001:db9:0:0:0:0:0:1");
    }

    @Test
    void denyListWinsOverTheAllowList() throws IOException {
        RelayFixture.Member member = relay.member(Platform.ANTHROPIC);
        setRules(member, List.of("203.0.113.0/24"), List.of("203.0.113.9"));

        assertThat(anthropic(member.key(), "203.0.113.10").code()).isEqualTo(200);
        assertThat(json(anthropic(member.key(), "203.0.113.9"), 403).path("error").path("message").asText())
                .contains("deny list");

        setRules(member, List.of(), List.of());
        assertThat(anthropic(member.key(), "203.0.113.9").code()).isEqualTo(200);
    }

    @Test
    void refusesInTheOpenAiAndGeminiEnvelopes() throws IOException {
        RelayFixture.Member openai = relay.member(Platform.OPENAI);
        RelayFixture.Member gemini = relay.member(Platform.GEMINI);
        setRules(openai, List.of(), List.of("198.51.100.0/24"));
        setRules(gemini, List.of(), List.of("198.51.100.0/24"));

        JsonNode openAiError = json(send("/v1/chat/completions", "authorization", "Bearer " + openai.key(),
                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "198.51.100.1"), 403);
        assertThat(openAiError.path("error").path("code").asText()).isEqualTo("address_not_allowed");
        assertThat(openAiError.path("error").path("message").asText()).contains("198.51.100.1");
        JsonNode geminiError = json(send("/v1beta/models/gemini-2.5-pro:generateContent", "x-goog-api-key", gemini.key(),
                "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}", "198.51.100.1"), 403);
        assertThat(geminiError.path("error").path("status").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(geminiError.path("error").path("message").asText()).contains("198.51.100.1");
    }

    @Test
    void refusesUnreadableEntriesNamingThem() {
        RelayFixture.Member member = relay.member(Platform.ANTHROPIC);
        ApiClient.Reply bad = api.call("PUT", rulesPath(member),
                new KeyIpRules(List.of("10.0.0.0/33", "10.1.0.0/16"), List.of("not-an-ip")), admin);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("error").path("message").asText()).contains("10.0.0.0/33").contains("not-an-ip")
                .doesNotContain("10.1.0.0/16");

        ApiClient.Reply created = api.call("POST", "/api/v1/admin/users/" + member.userId() + "/keys",
                new KeyCreateRequest("bad", member.groupId(), null, null, List.of("1.2.3.4/x"), List.of()), admin);
        assertThat(created.status()).isEqualTo(400);
        assertThat(created.body().path("error").path("message").asText()).contains("1.2.3.4/x");

        ApiClient.Reply good = api.call("POST", "/api/v1/admin/users/" + member.userId() + "/keys",
                new KeyCreateRequest("good", member.groupId(), null, null, List.of(" 192.0.2.0/24 ", "::1"),
                        List.of("192.0.2.1")), admin);
        assertThat(good.status()).isEqualTo(201);
        assertThat(good.body().path("view").path("ipAllow").toString()).isEqualTo("[\"192.0.2.0/24\",\"::1\"]");
    }

    @Test
    void ignoresForwardedForFromAPeerThatIsNoTrustedProxy() throws IOException {
        RelayFixture.Member member = relay.member(Platform.ANTHROPIC);
        setRules(member, List.of("203.0.113.0/24"), List.of());
        try (RelayFixture untrusting = RelayFixture.start(postgres, Map.of(MASTER_KEY, MASTER_KEY_VALUE))) {
            Reply refused = send(untrusting.baseUrl() + "/v1/messages", "x-api-key", member.key(), MESSAGES, "203.0.113.9");
            assertThat(json(refused, 403).path("error").path("message").asText()).contains("127.0.0.1");
        }
        assertThat(anthropic(member.key(), "203.0.113.9").code()).isEqualTo(200);
    }

    @Test
    void throttlesAnInvalidKeyFloodFromOneAddressWithoutLockingOutValidKeys() throws IOException {
        RelayFixture.Member member = relay.member(Platform.ANTHROPIC);
        for (int i = 0; i < 5; i++) {
            assertThat(anthropic("rp-invalid-flood-" + i, "192.0.2.50").code()).isEqualTo(401);
        }
        Reply throttled = anthropic("rp-invalid-flood-x", "192.0.2.50");
        String retryAfter = throttled.retryAfter();
        JsonNode body = json(throttled, 429);
        assertThat(body.path("error").path("type").asText()).isEqualTo("rate_limit_error");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 600);

        assertThat(anthropic(member.key(), "192.0.2.50").code()).isEqualTo(200);
        assertThat(anthropic("rp-invalid-elsewhere", "192.0.2.51").code()).isEqualTo(401);
        assertThat(anthropic("rp-invalid-flood-y", "192.0.2.50").code()).isEqualTo(429);
    }

    private static String rulesPath(RelayFixture.Member member) {
        long keyId = relay.server.parts().keys().check(member.key()) instanceof KeyCheck.Active(ActiveKey key)
                ? key.keyId() : -1;
        return "/api/v1/admin/users/" + member.userId() + "/keys/" + keyId + "/ip-rules";
    }

    private static void setRules(RelayFixture.Member member, List<String> allow, List<String> deny) {
        ApiClient.Reply reply = api.call("PUT", rulesPath(member), new KeyIpRules(allow, deny), admin);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.body().path("ipAllow").size()).isEqualTo(allow.size());
    }

    /** An answer read whole: status, Retry-After and the body text. */
    private record Reply(int code, String retryAfter, String text) {}

    private Reply anthropic(String key, String forwardedFor) throws IOException {
        return send("/v1/messages", "x-api-key", key, MESSAGES, forwardedFor);
    }

    private Reply send(String path, String header, String value, String body, String forwardedFor) throws IOException {
        String url = path.startsWith("http") ? path : relay.baseUrl() + path;
        Request.Builder request = new Request.Builder().url(url).header(header, value)
                .header("anthropic-version", "2023-06-01").header("X-Forwarded-For", forwardedFor)
                .post(RequestBody.create(body, MediaType.get("application/json")));
        try (Response response = http.newCall(request.build()).execute()) {
            return new Reply(response.code(), response.header("retry-after"), response.body().string());
        }
    }

    private static JsonNode json(Reply reply, int status) throws IOException {
        assertThat(reply.code()).as(reply.text()).isEqualTo(status);
        return JSON.readTree(reply.text());
    }
}
