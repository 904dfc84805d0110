package dev.relaypool.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiWireTest {
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
        fake.setUsage(new Usage(100, 30, 0, 0, 60, 12));
    }

    @Test
    void answersChatCompletionJsonWithUsage() throws Exception {
        JsonNode c = Http.json(http.post("/v1/chat/completions", "{\"model\":\"gpt-4.1\"}", "authorization", "Bearer sk-o"));
        assertThat(c.path("object").asText()).isEqualTo("chat.completion");
        assertThat(c.path("model").asText()).isEqualTo("gpt-4.1");
        assertThat(c.path("choices").get(0).path("message").path("content").asText()).isEqualTo("Hello from the fake OpenAI upstream.");
        assertThat(c.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        JsonNode u = c.path("usage");
        assertThat(u.path("prompt_tokens").asLong()).isEqualTo(160);
        assertThat(u.path("prompt_tokens_details").path("cached_tokens").asLong()).isEqualTo(60);
        assertThat(u.path("completion_tokens").asLong()).isEqualTo(30);
        assertThat(u.path("completion_tokens_details").path("reasoning_tokens").asLong()).isEqualTo(12);
        assertThat(u.path("total_tokens").asLong()).isEqualTo(190);
    }

    @Test
    void streamsChunksThenUsageChunkThenDoneWhenUsageIsRequested() throws Exception {
        fake.setReply("one two three", 3);
        List<Http.Sse> events = Http.events(http.post("/v1/chat/completions",
                "{\"model\":\"gpt-x\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}"));
        assertThat(events.getLast().data()).isEqualTo("[DONE]");
        assertThat(events).allMatch(e -> e.event() == null);
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(Http.Sse::json).toList();
        assertThat(chunks).allMatch(ch -> ch.path("object").asText().equals("chat.completion.chunk"));
        String text = chunks.stream().flatMap(ch -> ch.path("choices").valueStream())
                .map(choice -> choice.path("delta").path("content").asText("")).reduce("", String::concat);
        assertThat(text).isEqualTo("one two three");
        JsonNode usageChunk = chunks.getLast();
        assertThat(usageChunk.path("choices")).isEmpty();
        assertThat(usageChunk.path("usage").path("prompt_tokens_details").path("cached_tokens").asLong()).isEqualTo(60);
        assertThat(usageChunk.path("usage").path("completion_tokens").asLong()).isEqualTo(30);
        assertThat(chunks.get(chunks.size() - 2).path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void streamsWithoutUsageUnlessAsked() throws Exception {
        List<Http.Sse> events = Http.events(http.post("/v1/chat/completions", "{\"model\":\"gpt-x\",\"stream\":true}"));
        assertThat(events.getLast().data()).isEqualTo("[DONE]");
        assertThat(events.subList(0, events.size() - 1)).noneMatch(e -> e.json().has("usage"));
    }

    @Test
    void answersResponsesJsonWithUsage() throws Exception {
        JsonNode r = Http.json(http.post("/v1/responses", "{\"model\":\"gpt-5-codex\",\"input\":\"hi\"}"));
        assertThat(r.path("object").asText()).isEqualTo("response");
        assertThat(r.path("status").asText()).isEqualTo("completed");
        assertThat(r.path("model").asText()).isEqualTo("gpt-5-codex");
        assertThat(r.path("output").get(0).path("content").get(0).path("text").asText()).isEqualTo("Hello from the fake OpenAI upstream.");
        JsonNode u = r.path("usage");
        assertThat(u.path("input_tokens").asLong()).isEqualTo(160);
        assertThat(u.path("input_tokens_details").path("cached_tokens").asLong()).isEqualTo(60);
        assertThat(u.path("output_tokens").asLong()).isEqualTo(30);
        assertThat(u.path("output_tokens_details").path("reasoning_tokens").asLong()).isEqualTo(12);
        assertThat(u.path("total_tokens").asLong()).isEqualTo(190);
    }

    @Test
    void streamsResponsesTypedEventsNumberedInOrder() throws Exception {
        fake.setReply("abc", 2);
        Response response = http.post("/v1/responses", "{\"model\":\"gpt-5-codex\",\"stream\":true}");
        List<Http.Sse> events = Http.events(response);
        assertThat(events).extracting(Http.Sse::event).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed");
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).json().path("type").asText()).isEqualTo(events.get(i).event());
            assertThat(events.get(i).json().path("sequence_number").asInt()).isEqualTo(i);
        }
        assertThat(events.get(6).json().path("text").asText()).isEqualTo("abc");
        JsonNode completed = events.getLast().json().path("response");
        assertThat(completed.path("status").asText()).isEqualTo("completed");
        assertThat(completed.path("usage").path("input_tokens_details").path("cached_tokens").asLong()).isEqualTo(60);
        assertThat(completed.path("usage").path("total_tokens").asLong()).isEqualTo(190);
    }

    @Test
    void listsModelsInOpenAiFormatByDefault() throws Exception {
        JsonNode list = Http.json(http.get("/v1/models", "authorization", "Bearer sk-o"));
        assertThat(list.path("object").asText()).isEqualTo("list");
        assertThat(list.path("data").get(0).path("object").asText()).isEqualTo("model");
        assertThat(list.path("data").get(0).has("owned_by")).isTrue();
    }
}
