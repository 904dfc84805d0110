package dev.relaypool.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a separate process (benchmark, soak) can do over HTTP. */
class ControlEndpointTest {
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

    private int messagesStatus(String key) throws Exception {
        try (Response r = http.post("/v1/messages", "{}", "x-api-key", key)) {
            return r.code();
        }
    }

    @Test
    void enqueuesFaultsByName() throws Exception {
        JsonNode answer = Http.json(http.post("/_fake/behaviour", "{\"fault\":\"rate_limited\",\"retryAfterSeconds\":7,\"times\":2}"));
        assertThat(answer.path("enqueued").asInt()).isEqualTo(2);
        try (Response r = http.post("/v1/messages", "{}", "x-api-key", "k")) {
            assertThat(r.code()).isEqualTo(429);
            assertThat(r.header("retry-after")).isEqualTo("7");
        }
        assertThat(messagesStatus("k")).isEqualTo(429);
        assertThat(messagesStatus("k")).isEqualTo(200);
    }

    @Test
    void setsTheDefaultAndPerCredentialBehaviour() throws Exception {
        http.post("/_fake/behaviour", "{\"fault\":\"overloaded\",\"apply\":\"default\"}").close();
        http.post("/_fake/behaviour", "{\"fault\":\"answer\",\"credential\":\"sk-good\"}").close();
        assertThat(messagesStatus("sk-any")).isEqualTo(529);
        assertThat(messagesStatus("sk-good")).isEqualTo(200);
        http.post("/_fake/behaviour", "{\"fault\":\"clear\",\"credential\":\"sk-good\"}").close();
        assertThat(messagesStatus("sk-good")).isEqualTo(529);
    }

    @Test
    void changesReplyAndUsage() throws Exception {
        http.post("/_fake/settings", "{\"reply\":\"pong\",\"deltas\":1,\"usage\":{\"inputTokens\":9,\"outputTokens\":2,"
                + "\"cacheWrite5mTokens\":0,\"cacheWrite1hTokens\":0,\"cacheReadTokens\":4,\"reasoningTokens\":0}}").close();
        JsonNode c = Http.json(http.post("/v1/chat/completions", "{}"));
        assertThat(c.path("choices").get(0).path("message").path("content").asText()).isEqualTo("pong");
        assertThat(c.path("usage").path("prompt_tokens").asLong()).isEqualTo(13);
    }

    @Test
    void listsRecentRequestsAndStats() throws Exception {
        http.post("/v1/responses", "{\"model\":\"gpt-5\"}", "authorization", "Bearer sk-x").close();
        JsonNode list = Http.json(http.get("/_fake/requests?limit=10"));
        assertThat(list.path("total").asLong()).isEqualTo(1);
        JsonNode r = list.path("requests").get(0);
        assertThat(r.path("path").asText()).isEqualTo("/v1/responses");
        assertThat(r.path("headers").path("authorization").asText()).isEqualTo("Bearer sk-x");
        assertThat(r.path("body").asText()).contains("gpt-5");
        JsonNode stats = Http.json(http.get("/_fake/stats"));
        assertThat(stats.path("requests").asLong()).isEqualTo(1);
        assertThat(stats.path("openStreams").asInt()).isZero();
    }

    @Test
    void resetRestoresTheStartingState() throws Exception {
        http.post("/_fake/behaviour", "{\"fault\":\"server_error\",\"apply\":\"default\"}").close();
        http.post("/_fake/reset", "").close();
        assertThat(messagesStatus("k")).isEqualTo(200);
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void rejectsUnknownFaultsWith400() throws Exception {
        try (Response r = http.post("/_fake/behaviour", "{\"fault\":\"explode\"}")) {
            assertThat(r.code()).isEqualTo(400);
            assertThat(r.body().string()).contains("unknown fault");
        }
    }
}
