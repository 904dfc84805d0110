package dev.relaypool.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which behaviour a request gets (queue, default, per credential) and the OAuth token endpoint. */
class BehaviourSelectionTest {
    private static FakeUpstream fake;
    private static Http http;

    @BeforeAll
    static void start() {
        fake = FakeUpstream.start(0);
        http = new Http(fake);
    }

    @AfterAll
    static void stop() {
        http.close();
        fake.close();
    }

    @BeforeEach
    void reset() {
        fake.reset();
    }

    private int status(String apiKey) throws Exception {
        try (Response r = http.post("/v1/messages", "{}", "x-api-key", apiKey)) {
            return r.code();
        }
    }

    @Test
    void queuedBehavioursAreConsumedInOrderThenTheDefaultAnswers() throws Exception {
        fake.enqueue(Behaviour.overloaded(), Behaviour.serverError());
        assertThat(status("k")).isEqualTo(529);
        assertThat(status("k")).isEqualTo(500);
        assertThat(status("k")).isEqualTo(200);
        fake.setDefault(Behaviour.fail(ErrorKind.UNAVAILABLE));
        assertThat(status("k")).isEqualTo(503);
    }

    @Test
    void oneAccountFailsWhileTheOtherSucceeds() throws Exception {
        fake.forCredential("sk-acc-2", Behaviour.rateLimited(Duration.ofSeconds(5)));
        assertThat(status("sk-acc-2")).isEqualTo(429);
        assertThat(status("sk-acc-1")).isEqualTo(200);
        assertThat(status("sk-acc-2")).isEqualTo(429);
        try (Response r = http.post("/v1/chat/completions", "{}", "authorization", "Bearer sk-acc-2")) {
            assertThat(r.code()).isEqualTo(429);
        }
        fake.forCredential("sk-acc-2", null);
        assertThat(status("sk-acc-2")).isEqualTo(200);
    }

    @Test
    void credentialBehaviourDoesNotConsumeTheQueue() throws Exception {
        fake.forCredential("bad", Behaviour.forbidden());
        fake.enqueue(Behaviour.overloaded());
        assertThat(status("bad")).isEqualTo(403);
        assertThat(status("good")).isEqualTo(529);
    }

    @Test
    void issuesNumberedTokensAndCountsCalls() throws Exception {
        fake.setTokenLifetime(Duration.ofMinutes(5));
        JsonNode first = Http.json(http.post("/v1/oauth/token",
                "{\"grant_type\":\"authorization_code\",\"code\":\"c\",\"redirect_uri\":\"x\"}"));
        assertThat(first.path("access_token").asText()).isEqualTo("fake-access-token-1");
        assertThat(first.path("refresh_token").asText()).isEqualTo("fake-refresh-token-1");
        assertThat(first.path("expires_in").asLong()).isEqualTo(300);
        JsonNode second = Http.json(http.post("/v1/oauth/token", "{\"grant_type\":\"refresh_token\",\"refresh_token\":\"fake-refresh-token-1\"}"));
        assertThat(second.path("access_token").asText()).isEqualTo("fake-access-token-2");
        assertThat(fake.tokenCalls()).isEqualTo(2);
    }

    @Test
    void acceptsFormEncodedGrantsAndRejectsBadOnes() throws Exception {
        okhttp3.RequestBody form = new okhttp3.FormBody.Builder().add("grant_type", "refresh_token").add("refresh_token", "rt").build();
        try (Response r = http.client.newCall(new okhttp3.Request.Builder().url(fake.baseUrl() + "/v1/oauth/token").post(form).build()).execute()) {
            assertThat(r.code()).isEqualTo(200);
        }
        try (Response r = http.post("/v1/oauth/token", "{\"grant_type\":\"password\"}")) {
            assertThat(r.code()).isEqualTo(400);
            assertThat(Http.MAPPER.readTree(r.body().string()).path("error").asText()).isEqualTo("unsupported_grant_type");
        }
    }

    @Test
    void refreshFailsForOneRefreshToken() throws Exception {
        fake.forCredential("rt-revoked", Behaviour.unauthorized());
        try (Response r = http.post("/v1/oauth/token", "{\"grant_type\":\"refresh_token\",\"refresh_token\":\"rt-revoked\"}")) {
            assertThat(r.code()).isEqualTo(400);
            assertThat(Http.MAPPER.readTree(r.body().string()).path("error").asText()).isEqualTo("invalid_grant");
        }
        try (Response r = http.post("/v1/oauth/token", "{\"grant_type\":\"refresh_token\",\"refresh_token\":\"rt-ok\"}")) {
            assertThat(r.code()).isEqualTo(200);
        }
    }
}
