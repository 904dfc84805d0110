package dev.relaypool.server.gateway;

import static dev.relaypool.server.gateway.TestGateway.OPENAI_KEY;
import static dev.relaypool.server.gateway.TestGateway.account;
import static dev.relaypool.server.gateway.TestGateway.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaypool.fake.FakeUpstream;
import dev.relaypool.fake.Usage;
import dev.relaypool.model.Platform;
import dev.relaypool.server.usage.TokenUsage;
import java.io.IOException;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An OpenAI chat stream is billed even when the client did not ask for usage: the relay asks the provider for it
 * and keeps the usage chunk from a client that never asked for one.
 */
class GatewayChatStreamUsageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = "{\"model\":\"gpt-5\",%s\"messages\":[{\"role\":\"user\",\"content\":\"Hi \u00e9\"}]}";
    private static final TokenUsage BILLED = new TokenUsage(170, 20, 0, 0, 50); // cache writes are plain input
    private static FakeUpstream fake;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        fake = FakeUpstream.start(0);
        gateway = TestGateway.start(Map.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        fake.close();
    }

    @BeforeEach
    void clean() {
        fake.reset();
        gateway.reset();
        gateway.selector.setAccounts(account(3, Platform.OPENAI, fake.baseUrl(), "sk-oai-acc-3"));
        fake.setUsage(new Usage(100, 20, 30, 40, 50, 5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\"stream_options\":{\"include_usage\":false},",
            "\"stream_options\":{\"include_obfuscation\":false},"})
    void billsAStreamWhoseClientDidNotAskForUsageAndHidesTheUsageChunk(String options) throws Exception {
        String body = CHAT.formatted("\"stream\":true," + options);

        String received = post(body);

        JsonNode sent = JSON.readTree(fake.lastRequest().bodyText());
        assertThat(sent.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(received).contains("\"finish_reason\":\"stop\"").endsWith("data: [DONE]\n\n");
        assertThat(received).doesNotContain("\"choices\":[]").doesNotContain("prompt_tokens");
        eventually(() -> gateway.usage.size() == 1, "one usage record");
        assertThat(gateway.usage.getFirst().tokens()).isEqualTo(BILLED);
        assertThat(gateway.usage.getFirst().errorClass()).isNull();
    }

    @Test
    void changesNothingInTheBodyButTheUsageOption() throws Exception {
        String body = CHAT.formatted("\"stream\":true,\"stream_options\":{\"include_usage\":false,\"x\":1},");

        post(body);

        assertThat(fake.lastRequest().bodyText()).isEqualTo(body.replace("\"include_usage\":false", "\"include_usage\":true"));
    }

    @Test
    void passesTheUsageChunkToAClientThatAskedForIt() throws Exception {
        String body = CHAT.formatted("\"stream\":true,\"stream_options\":{\"include_usage\":true},");

        String received = post(body);

        assertThat(fake.lastRequest().bodyText()).isEqualTo(body);
        assertThat(received).contains("\"choices\":[],\"usage\":{\"prompt_tokens\":").endsWith("data: [DONE]\n\n");
        eventually(() -> gateway.usage.size() == 1, "one usage record");
        assertThat(gateway.usage.getFirst().tokens()).isEqualTo(BILLED);
    }

    @Test
    void leavesAnAnswerThatIsNotStreamedAsSent() throws Exception {
        String body = CHAT.formatted("");

        String received = post(body);

        assertThat(fake.lastRequest().bodyText()).isEqualTo(body);
        assertThat(JSON.readTree(received).path("usage").path("prompt_tokens").asLong()).isPositive();
        eventually(() -> gateway.usage.size() == 1, "one usage record");
        assertThat(gateway.usage.getFirst().tokens()).isEqualTo(BILLED);
    }

    private static String post(String body) throws IOException {
        Request request = new Request.Builder().url(gateway.url("/v1/chat/completions"))
                .header("authorization", "Bearer " + OPENAI_KEY)
                .post(RequestBody.create(body, MediaType.get("application/json"))).build();
        try (Response response = gateway.http.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
            return response.body().string();
        }
    }
}
