package dev.relaypool.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Error faults as a client sees them: status, headers and each provider's own error envelope. */
class ErrorEnvelopeTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static FakeUpstream fake;
    private static Http http;

    @BeforeAll
    static void start() {
        fake = FakeUpstream.start(FakeUpstream.Options.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
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
    void anthropicRateLimitCarriesRetryAfterAndUnifiedHeaders() throws Exception {
        fake.enqueue(Behaviour.rateLimited(Duration.ofSeconds(90)));
        try (Response r = http.post("/v1/messages", "{\"model\":\"m\"}", "x-api-key", "k")) {
            assertThat(r.code()).isEqualTo(429);
            assertThat(r.header("retry-after")).isEqualTo("90");
            assertThat(r.header("anthropic-ratelimit-unified-status")).isEqualTo("rejected");
            assertThat(r.header("anthropic-ratelimit-unified-reset")).isEqualTo(Long.toString(NOW.getEpochSecond() + 90));
            assertThat(r.header("anthropic-ratelimit-unified-5h-status")).isEqualTo("rejected");
            assertThat(r.header("anthropic-ratelimit-unified-5h-utilization")).isEqualTo("1.0");
            assertThat(r.header("anthropic-ratelimit-unified-7d-status")).isEqualTo("allowed");
            assertThat(r.header("anthropic-ratelimit-unified-7d-reset")).isNotBlank();
            JsonNode body = Http.MAPPER.readTree(r.body().string());
            assertThat(body.path("type").asText()).isEqualTo("error");
            assertThat(body.path("error").path("type").asText()).isEqualTo("rate_limit_error");
        }
    }

    @Test
    void aRateLimitWithoutADelayGivesNoRetryHintInAnyProtocol() throws Exception {
        fake.enqueue(Behaviour.rateLimited(Duration.ZERO), Behaviour.rateLimited(Duration.ZERO),
                Behaviour.rateLimited(Duration.ZERO));
        try (Response r = http.post("/v1/messages", "{}", "x-api-key", "k")) {
            assertThat(r.code()).isEqualTo(429);
            assertThat(r.headers().names()).noneMatch(n -> n.equalsIgnoreCase("retry-after") || n.contains("reset"));
        }
        try (Response r = http.post("/v1/chat/completions", "{}")) {
            assertThat(r.code()).isEqualTo(429);
            assertThat(r.headers().names()).noneMatch(n -> n.equalsIgnoreCase("retry-after") || n.contains("reset"));
        }
        try (Response r = http.post("/v1beta/models/gemini-2.5-pro:generateContent", "{}")) {
            assertThat(r.code()).isEqualTo(429);
            assertThat(r.body().string()).contains("RESOURCE_EXHAUSTED").doesNotContain("retryDelay");
        }
    }

    @Test
    void contentPolicyRefusalsAre400WithTheProvidersReason() throws Exception {
        fake.setDefault(Behaviour.contentPolicy());
        try (Response r = http.post("/v1/messages", "{}", "x-api-key", "k")) {
            assertThat(r.code()).isEqualTo(400);
            assertThat(Http.json(r).path("error").path("message").asText()).contains("content filtering policy");
        }
        try (Response r = http.post("/v1/chat/completions", "{}")) {
            assertThat(r.code()).isEqualTo(400);
            assertThat(Http.json(r).path("error").path("code").asText()).isEqualTo("content_policy_violation");
        }
        try (Response r = http.post("/v1beta/models/gemini-2.5-pro:generateContent", "{}")) {
            assertThat(r.code()).isEqualTo(400);
            assertThat(Http.json(r).path("error").path("message").asText()).contains("safety");
        }
    }

    @Test
    void anthropicWeeklyQuotaRejectsTheSevenDayWindow() throws Exception {
        fake.enqueue(Behaviour.quotaExhausted(Duration.ofHours(30)));
        try (Response r = http.post("/v1/messages", "{}", "x-api-key", "k")) {
            assertThat(r.code()).isEqualTo(429);
            assertThat(r.header("anthropic-ratelimit-unified-7d-status")).isEqualTo("rejected");
            assertThat(r.header("anthropic-ratelimit-unified-representative-claim")).isEqualTo("seven_day");
        }
    }

    @Test
    void anthropicOverloadIs529() throws Exception {
        fake.enqueue(Behaviour.overloaded());
        JsonNode body;
        try (Response r = http.post("/v1/messages", "{}", "x-api-key", "k")) {
            assertThat(r.code()).isEqualTo(529);
            body = Http.MAPPER.readTree(r.body().string());
        }
        assertThat(body.path("error").path("type").asText()).isEqualTo("overloaded_error");
    }

    @Test
    void anthropicContextTooLongIs400InvalidRequest() throws Exception {
        fake.enqueue(Behaviour.contextTooLong());
        try (Response r = http.post("/v1/messages", "{}", "x-api-key", "k")) {
            assertThat(r.code()).isEqualTo(400);
            JsonNode error = Http.MAPPER.readTree(r.body().string()).path("error");
            assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.path("message").asText()).contains("prompt is too long");
        }
    }

    @Test
    void openAiRateLimitCarriesResetHeaders() throws Exception {
        fake.enqueue(Behaviour.rateLimited(Duration.ofSeconds(20)));
        try (Response r = http.post("/v1/chat/completions", "{\"model\":\"gpt-5\"}", "authorization", "Bearer k")) {
            assertThat(r.code()).isEqualTo(429);
            assertThat(r.header("x-ratelimit-reset-requests")).isEqualTo("20s");
            assertThat(r.header("x-ratelimit-reset-tokens")).isEqualTo("20s");
            assertThat(r.header("retry-after")).isEqualTo("20");
            JsonNode error = Http.MAPPER.readTree(r.body().string()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
            assertThat(error.has("param")).isTrue();
        }
    }

    @Test
    void openAiQuotaAndContextErrorsUseTheirCodes() throws Exception {
        fake.enqueue(Behaviour.quotaExhausted(Duration.ofSeconds(1)), Behaviour.contextTooLong(), Behaviour.unauthorized());
        JsonNode quota = Http.json(http.post("/v1/responses", "{}")).path("error");
        assertThat(quota.path("type").asText()).isEqualTo("insufficient_quota");
        try (Response r = http.post("/v1/responses", "{}")) {
            assertThat(r.code()).isEqualTo(400);
            assertThat(Http.MAPPER.readTree(r.body().string()).path("error").path("code").asText()).isEqualTo("context_length_exceeded");
        }
        try (Response r = http.post("/v1/chat/completions", "{}")) {
            assertThat(r.code()).isEqualTo(401);
            assertThat(Http.MAPPER.readTree(r.body().string()).path("error").path("code").asText()).isEqualTo("invalid_api_key");
        }
    }

    @Test
    void geminiRateLimitIsResourceExhaustedWithRetryInfo() throws Exception {
        fake.enqueue(Behaviour.rateLimited(Duration.ofSeconds(37)));
        try (Response r = http.post("/v1beta/models/gemini-2.5-pro:generateContent", "{}", "x-goog-api-key", "g")) {
            assertThat(r.code()).isEqualTo(429);
            JsonNode error = Http.MAPPER.readTree(r.body().string()).path("error");
            assertThat(error.path("code").asInt()).isEqualTo(429);
            assertThat(error.path("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
            JsonNode retryInfo = error.path("details").valueStream()
                    .filter(d -> d.path("@type").asText().endsWith("google.rpc.RetryInfo")).findFirst().orElseThrow();
            assertThat(retryInfo.path("retryDelay").asText()).isEqualTo("37s");
        }
    }

    @Test
    void geminiRejectsAnApiKeyWith400AndABearerTokenWith401() throws Exception {
        fake.enqueue(Behaviour.unauthorized(), Behaviour.unauthorized());
        try (Response r = http.post("/v1beta/models/m:generateContent", "{}", "x-goog-api-key", "bad")) {
            assertThat(r.code()).isEqualTo(400);
            assertThat(r.body().string()).contains("API_KEY_INVALID");
        }
        try (Response r = http.post("/v1beta/models/m:generateContent", "{}", "authorization", "Bearer ya29.bad")) {
            assertThat(r.code()).isEqualTo(401);
            assertThat(r.body().string()).contains("UNAUTHENTICATED");
        }
    }

    @Test
    void rendersEveryKindOnEveryProtocolAsJson() throws Exception {
        String[][] targets = {{"/v1/messages", "x-api-key"}, {"/v1/chat/completions", "authorization"},
            {"/v1/responses", "authorization"}, {"/v1beta/models/m:streamGenerateContent?alt=sse", "x-goog-api-key"}};
        for (ErrorKind kind : ErrorKind.values()) {
            for (String[] target : targets) {
                fake.enqueue(Behaviour.fail(kind));
                String value = target[1].equals("authorization") ? "Bearer k" : "k";
                try (Response r = http.post(target[0], "{\"stream\":true}", target[1], value)) {
                    assertThat(r.code()).as(kind + " on " + target[0]).isBetween(400, 599);
                    assertThat(r.header("content-type")).startsWith("application/json");
                    assertThat(Http.MAPPER.readTree(r.body().string()).has("error")).isTrue();
                }
            }
        }
    }
}
