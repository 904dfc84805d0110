package dev.relaypool.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GeminiWireTest {
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
        fake.setUsage(new Usage(100, 30, 0, 0, 40, 10));
    }

    @Test
    void generatesContentWithUsageMetadata() throws Exception {
        JsonNode r = Http.json(http.post("/v1beta/models/gemini-2.5-pro:generateContent", "{\"contents\":[]}",
                "x-goog-api-key", "g-key"));
        JsonNode candidate = r.path("candidates").get(0);
        assertThat(candidate.path("content").path("role").asText()).isEqualTo("model");
        assertThat(candidate.path("content").path("parts").get(0).path("text").asText()).isEqualTo("Hello from the fake Gemini upstream.");
        assertThat(candidate.path("finishReason").asText()).isEqualTo("STOP");
        assertThat(r.path("modelVersion").asText()).isEqualTo("gemini-2.5-pro");
        JsonNode u = r.path("usageMetadata");
        assertThat(u.path("promptTokenCount").asLong()).isEqualTo(140);
        assertThat(u.path("cachedContentTokenCount").asLong()).isEqualTo(40);
        assertThat(u.path("candidatesTokenCount").asLong()).isEqualTo(20);
        assertThat(u.path("thoughtsTokenCount").asLong()).isEqualTo(10);
        assertThat(u.path("totalTokenCount").asLong()).isEqualTo(170);
    }

    @Test
    void streamsServerSentChunksWithAltSse() throws Exception {
        fake.setReply("abcd", 2);
        Response response = http.post("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", "{}", "x-goog-api-key", "g");
        assertThat(response.header("content-type")).startsWith("text/event-stream");
        List<JsonNode> chunks = Http.events(response).stream().map(Http.Sse::json).toList();
        assertThat(chunks).hasSize(3);
        String text = chunks.stream().map(c -> c.path("candidates").get(0).path("content").path("parts").get(0).path("text").asText())
                .reduce("", String::concat);
        assertThat(text).isEqualTo("abcd");
        JsonNode last = chunks.getLast();
        assertThat(last.path("candidates").get(0).path("finishReason").asText()).isEqualTo("STOP");
        assertThat(last.path("usageMetadata").path("totalTokenCount").asLong()).isEqualTo(170);
        assertThat(last.path("usageMetadata").path("thoughtsTokenCount").asLong()).isEqualTo(10);
    }

    @Test
    void streamsOneJsonArrayWithoutAltSse() throws Exception {
        try (Response response = http.post("/v1beta/models/gemini-2.5-flash:streamGenerateContent", "{}", "x-goog-api-key", "g")) {
            JsonNode array = Http.MAPPER.readTree(response.body().string());
            assertThat(array.isArray()).isTrue();
            assertThat(array.get(array.size() - 1).path("candidates").get(0).path("finishReason").asText()).isEqualTo("STOP");
        }
    }

    @Test
    void leavesZeroCountsOutAsProto3JsonDoes() throws Exception {
        fake.setUsage(Usage.of(5, 3));
        JsonNode u = Http.json(http.post("/v1beta/models/m:generateContent?key=g", "{}")).path("usageMetadata");
        assertThat(u.has("cachedContentTokenCount")).isFalse();
        assertThat(u.has("thoughtsTokenCount")).isFalse();
        assertThat(u.path("totalTokenCount").asLong()).isEqualTo(8);
    }

    @Test
    void countsTokens() throws Exception {
        JsonNode r = Http.json(http.post("/v1beta/models/gemini-2.5-pro:countTokens", "{}", "x-goog-api-key", "g"));
        assertThat(r.path("totalTokens").asLong()).isEqualTo(140);
    }

    @Test
    void listsAndDescribesModels() throws Exception {
        JsonNode list = Http.json(http.get("/v1beta/models", "x-goog-api-key", "g"));
        assertThat(list.path("models").get(0).path("name").asText()).startsWith("models/");
        assertThat(list.path("models").get(0).path("supportedGenerationMethods").toString()).contains("generateContent");
        JsonNode one = Http.json(http.get("/v1beta/models/gemini-2.5-flash", "x-goog-api-key", "g"));
        assertThat(one.path("name").asText()).isEqualTo("models/gemini-2.5-flash");
        assertThat(one.path("inputTokenLimit").asLong()).isPositive();
    }

    @Test
    void answersJsonModeWithADocumentShapedByTheSchema() throws Exception {
        fake.setReply("short", 2);
        String body = """
                {"contents":[{"role":"user","parts":[{"text":"say hi"}]}],
                 "generationConfig":{"responseMimeType":"application/json","responseJsonSchema":{"type":"object",
                   "properties":{"reasoning":{"type":"string"},"score":{"type":"integer","minimum":3},
                                 "ok":{"type":"boolean"},"pick":{"type":"string","enum":["flash","pro"]},
                                 "tags":{"type":"array","items":{"type":"string"}}},
                   "required":["reasoning","score"]}}}""";
        JsonNode r = Http.json(http.post("/v1beta/models/gemini-2.5-flash-lite:generateContent", body, "x-goog-api-key", "g"));
        JsonNode answer = Json.MAPPER.readTree(r.path("candidates").get(0).path("content").path("parts").get(0).path("text").asText());
        assertThat(answer.path("reasoning").asText()).isEqualTo("short");
        assertThat(answer.path("score").asInt()).isEqualTo(3);
        assertThat(answer.path("ok").isBoolean()).isTrue();
        assertThat(answer.path("pick").asText()).isEqualTo("flash");
        assertThat(answer.path("tags").isArray()).isTrue();
    }

    @Test
    void streamsJsonModeInPiecesThatJoinToValidJson() throws Exception {
        fake.setReply("x", 3);
        String body = """
                {"generationConfig":{"responseMimeType":"application/json",
                 "responseSchema":{"type":"OBJECT","properties":{"complexity_score":{"type":"INTEGER"}}}}}""";
        Response response = http.post("/v1beta/models/m:streamGenerateContent?alt=sse", body, "x-goog-api-key", "g");
        String text = Http.events(response).stream().map(Http.Sse::json)
                .map(c -> c.path("candidates").get(0).path("content").path("parts").get(0).path("text").asText())
                .reduce("", String::concat);
        assertThat(Json.MAPPER.readTree(text).path("complexity_score").asInt()).isEqualTo(1);
    }

    @Test
    void answersProseWhenNoJsonIsAskedFor() throws Exception {
        JsonNode r = Http.json(http.post("/v1beta/models/m:generateContent",
                "{\"generationConfig\":{\"responseMimeType\":\"text/plain\"}}", "x-goog-api-key", "g"));
        assertThat(r.path("candidates").get(0).path("content").path("parts").get(0).path("text").asText())
                .isEqualTo("Hello from the fake Gemini upstream.");
    }
}
