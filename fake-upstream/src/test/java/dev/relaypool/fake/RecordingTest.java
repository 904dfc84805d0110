package dev.relaypool.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecordingTest {
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

    @Test
    void recordsMethodPathQueryHeadersAndExactBody() throws Exception {
        String body = "{\"model\":\"claude-x\",\"stream\":false}";
        http.post("/v1/messages?beta=true", body, "X-Api-Key", "sk-1", "anthropic-beta", "a,b").close();
        RecordedRequest r = fake.lastRequest();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/v1/messages");
        assertThat(r.query()).isEqualTo("beta=true");
        assertThat(r.header("x-api-key")).isEqualTo("sk-1");
        assertThat(r.headers().get("X-API-KEY")).containsExactly("sk-1");
        assertThat(r.header("Anthropic-Beta")).isEqualTo("a,b");
        assertThat(r.bodyText()).isEqualTo(body);
        assertThat(r.credential()).isEqualTo("sk-1");
    }

    @Test
    void findsTheCredentialWhereverTheClientPutIt() throws Exception {
        http.post("/v1/chat/completions", "{}", "authorization", "Bearer sk-o").close();
        http.post("/v1beta/models/m:generateContent", "{}", "x-goog-api-key", "g-1").close();
        http.post("/v1beta/models/m:generateContent?key=g-2", "{}").close();
        assertThat(fake.requests()).extracting(RecordedRequest::credential).containsExactly("sk-o", "g-1", "g-2");
    }

    @Test
    void keepsOnlyTheNewestRequestsAndCanBeSwitchedOff() throws Exception {
        fake.setRecordLimit(2);
        for (int i = 0; i < 4; i++) {
            http.get("/v1/models?n=" + i).close();
        }
        assertThat(fake.requests()).extracting(RecordedRequest::query).containsExactly("n=2", "n=3");
        fake.setRecordLimit(0);
        http.get("/v1/models").close();
        assertThat(fake.requests()).isEmpty();
        assertThat(fake.requestCount()).isEqualTo(5);
    }

    @Test
    void clearForgetsRequestsButNotBehaviours() throws Exception {
        fake.enqueue(Behaviour.serverError());
        http.get("/v1/models").close();
        fake.enqueue(Behaviour.serverError());
        fake.clear();
        assertThat(fake.requests()).isEmpty();
        try (Response r = http.get("/v1/models")) {
            assertThat(r.code()).isEqualTo(500);
        }
    }

    @Test
    void controlRequestsAreNotRecorded() throws Exception {
        http.get("/_fake/stats").close();
        List<RecordedRequest> requests = fake.requests();
        assertThat(requests).isEmpty();
    }
}
