package dev.relaypool.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnthropicWireTest {
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
    void answersMessageJsonWithTextModelAndUsage() throws Exception {
        fake.setUsage(new Usage(100, 20, 30, 40, 50, 0));
        JsonNode m = Http.json(http.post("/v1/messages", "{\"model\":\"claude-opus-4-1\",\"max_tokens\":5}", "x-api-key", "sk-a"));
        assertThat(m.path("type").asText()).isEqualTo("message");
        assertThat(m.path("id").asText()).startsWith("msg_");
        assertThat(m.path("model").asText()).isEqualTo("claude-opus-4-1");
        assertThat(m.path("content").get(0).path("text").asText()).isEqualTo("Hello from the fake Anthropic upstream.");
        assertThat(m.path("stop_reason").asText()).isEqualTo("end_turn");
        JsonNode u = m.path("usage");
        assertThat(u.path("input_tokens").asLong()).isEqualTo(100);
        assertThat(u.path("cache_creation_input_tokens").asLong()).isEqualTo(70);
        assertThat(u.path("cache_read_input_tokens").asLong()).isEqualTo(50);
        assertThat(u.path("cache_creation").path("ephemeral_5m_input_tokens").asLong()).isEqualTo(30);
        assertThat(u.path("cache_creation").path("ephemeral_1h_input_tokens").asLong()).isEqualTo(40);
        assertThat(u.path("output_tokens").asLong()).isEqualTo(20);
    }

    @Test
    void streamsTheRealEventSequenceWithUsage() throws Exception {
        fake.setReply("abcdef", 3);
        fake.setUsage(new Usage(10, 7, 1, 2, 3, 0));
        Response response = http.post("/v1/messages?beta=true", "{\"model\":\"claude-x\",\"stream\":true}", "x-api-key", "sk-a");
        assertThat(response.header("content-type")).startsWith("text/event-stream");
        assertThat(response.header("request-id")).startsWith("req_");
        List<Http.Sse> events = Http.events(response);
        assertThat(events).extracting(Http.Sse::event).containsExactly("message_start", "content_block_start", "ping",
                "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        events.forEach(e -> assertThat(e.json().path("type").asText()).isEqualTo(e.event()));
        JsonNode startUsage = events.getFirst().json().path("message").path("usage");
        assertThat(startUsage.path("input_tokens").asLong()).isEqualTo(10);
        assertThat(startUsage.path("cache_creation_input_tokens").asLong()).isEqualTo(3);
        assertThat(startUsage.path("cache_read_input_tokens").asLong()).isEqualTo(3);
        assertThat(startUsage.path("cache_creation").path("ephemeral_1h_input_tokens").asLong()).isEqualTo(2);
        assertThat(events.getFirst().json().path("message").path("model").asText()).isEqualTo("claude-x");
        String text = events.stream().filter(e -> "content_block_delta".equals(e.event()))
                .map(e -> e.json().path("delta").path("text").asText()).reduce("", String::concat);
        assertThat(text).isEqualTo("abcdef");
        JsonNode delta = events.get(7).json();
        assertThat(delta.path("delta").path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(delta.path("usage").path("output_tokens").asLong()).isEqualTo(7);
    }

    @Test
    void derivesUsageFromTheRequestSizeByDefault() throws Exception {
        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(4000) + "\"}]}";
        JsonNode u = Http.json(http.post("/v1/messages", body, "x-api-key", "k")).path("usage");
        assertThat(u.path("input_tokens").asLong()).isEqualTo(body.length() / 4);
        assertThat(u.path("output_tokens").asLong()).isPositive();
    }

    @Test
    void countsTokens() throws Exception {
        fake.setUsage(Usage.of(42, 1));
        JsonNode count = Http.json(http.post("/v1/messages/count_tokens", "{\"model\":\"m\"}", "x-api-key", "k"));
        assertThat(count.path("input_tokens").asLong()).isEqualTo(42);
    }

    @Test
    void listsModelsInAnthropicFormatWhenAskedWithAnthropicHeaders() throws Exception {
        JsonNode list = Http.json(http.get("/v1/models", "x-api-key", "k", "anthropic-version", "2023-06-01"));
        assertThat(list.path("data").get(0).path("type").asText()).isEqualTo("model");
        assertThat(list.path("data").get(0).has("display_name")).isTrue();
        assertThat(list.path("data").get(0).has("created_at")).isTrue();
        assertThat(list.path("has_more").asBoolean(true)).isFalse();
        assertThat(list.path("first_id").asText()).isEqualTo(list.path("data").get(0).path("id").asText());
        assertThat(list.path("last_id").asText()).isNotEmpty();
    }
}
