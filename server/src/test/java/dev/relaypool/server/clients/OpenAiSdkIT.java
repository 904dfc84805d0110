package dev.relaypool.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseOutputText;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseUsage;
import dev.relaypool.fake.Usage;
import dev.relaypool.model.Platform;
import dev.relaypool.server.storage.schema.tables.records.UsageLogRecord;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The official OpenAI Java SDK on chat completions and the Responses API, pointed at the relay's {@code /v1}. */
class OpenAiSdkIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static final String REPLY = "Hi from the pool, OpenAI SDK.";
    private static RelayFixture relay;

    @BeforeAll
    static void start() {
        relay = RelayFixture.start(postgres);
        relay.upstream.setReply(REPLY, 4);
        relay.upstream.setUsage(Usage.of(300, 25).withCacheRead(100).withReasoning(5));
    }

    @AfterAll
    static void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void createsAChatCompletionAndParsesTextAndUsage() throws Exception {
        ClientMember member = ClientMember.seed(relay, Platform.OPENAI, "sk-openai-account-chat-sync");
        ChatCompletion completion = call(member, client -> client.chat().completions().create(chatParams(false)));

        assertThat(completion.choices().getFirst().message().content()).contains(REPLY);
        assertChatUsage(completion.usage().orElseThrow());
        assertRow(member, "/v1/chat/completions", false);
    }

    @Test
    void streamsAChatCompletionAndAccumulatesTextAndUsage() throws Exception {
        ClientMember member = ClientMember.seed(relay, Platform.OPENAI, "sk-openai-account-chat-stream");
        ChatCompletion completion = call(member, client -> {
            ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(chatParams(true))) {
                stream.stream().forEach(accumulator::accumulate);
            }
            return accumulator.chatCompletion();
        });

        assertThat(completion.choices().getFirst().message().content()).contains(REPLY);
        assertChatUsage(completion.usage().orElseThrow());
        assertRow(member, "/v1/chat/completions", true);
    }

    @Test
    void createsAResponseAndParsesTextAndUsage() throws Exception {
        ClientMember member = ClientMember.seed(relay, Platform.OPENAI, "sk-openai-account-responses-sync");
        Response response = call(member, client -> client.responses().create(responseParams()));

        assertThat(text(response)).isEqualTo(REPLY);
        assertResponseUsage(response.usage().orElseThrow());
        assertRow(member, "/v1/responses", false);
    }

    @Test
    void streamsAResponseAndAccumulatesTextAndUsage() throws Exception {
        ClientMember member = ClientMember.seed(relay, Platform.OPENAI, "sk-openai-account-responses-stream");
        Response response = call(member, client -> {
            ResponseAccumulator accumulator = ResponseAccumulator.create();
            try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(responseParams())) {
                stream.stream().forEach(accumulator::accumulate);
            }
            return accumulator.response();
        });

        assertThat(text(response)).isEqualTo(REPLY);
        assertResponseUsage(response.usage().orElseThrow());
        assertRow(member, "/v1/responses", true);
    }

    /** A fresh SDK client for the member, closed afterwards (it is not AutoCloseable). */
    private static <T> T call(ClientMember member, Function<OpenAIClient, T> body) {
        relay.upstream.clear();
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(relay.baseUrl() + "/v1").apiKey(member.key())
                .maxRetries(0).timeout(Duration.ofSeconds(20)).build();
        try {
            return body.apply(client);
        } finally {
            client.close();
        }
    }

    private static ChatCompletionCreateParams chatParams(boolean stream) {
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder().model("gpt-5").addUserMessage("say hi");
        if (stream) {
            params.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
        }
        return params.build();
    }

    private static ResponseCreateParams responseParams() {
        return ResponseCreateParams.builder().model("gpt-5").input("say hi").build();
    }

    private static String text(Response response) {
        return response.output().stream().flatMap(item -> item.message().stream())
                .flatMap(message -> message.content().stream()).flatMap(content -> content.outputText().stream())
                .map(ResponseOutputText::text).collect(Collectors.joining());
    }

    /** OpenAI counts cached tokens inside the prompt: 300 fresh + 100 cached. */
    private static void assertChatUsage(CompletionUsage usage) {
        assertThat(usage.promptTokens()).isEqualTo(400);
        assertThat(usage.completionTokens()).isEqualTo(25);
        assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).contains(100L);
    }

    private static void assertResponseUsage(ResponseUsage usage) {
        assertThat(usage.inputTokens()).isEqualTo(400);
        assertThat(usage.outputTokens()).isEqualTo(25);
        assertThat(usage.inputTokensDetails().cachedTokens()).isEqualTo(100);
    }

    private static void assertRow(ClientMember member, String endpoint, boolean stream) throws InterruptedException {
        member.assertUpstreamSawOnlyTheAccountCredential(relay.upstream);
        UsageLogRecord row = member.awaitUsageRows(postgres.dsl(), 1).getFirst();
        assertThat(row.getStatusCode()).isEqualTo(200);
        assertThat(row.getEndpoint()).isEqualTo(endpoint);
        assertThat(row.getStream()).isEqualTo(stream);
        assertThat(row.getRequestedModel()).isEqualTo("gpt-5");
        assertThat(row.getInputTokens()).isEqualTo(300);
        assertThat(row.getCacheReadTokens()).isEqualTo(100);
        assertThat(row.getOutputTokens()).isEqualTo(25);
    }
}
