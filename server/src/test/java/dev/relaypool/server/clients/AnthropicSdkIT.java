package dev.relaypool.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.TextBlock;
import dev.relaypool.fake.Usage;
import dev.relaypool.model.Platform;
import dev.relaypool.server.storage.schema.tables.records.UsageLogRecord;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The official Anthropic Java SDK, configured with nothing but the relay's URL and a member key. */
class AnthropicSdkIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static final String REPLY = "Hi from the pool, Anthropic SDK.";
    private static RelayFixture relay;

    @BeforeAll
    static void start() {
        relay = RelayFixture.start(postgres);
        relay.upstream.setReply(REPLY, 4);
        relay.upstream.setUsage(Usage.of(250, 12).withCacheWrite(30, 10).withCacheRead(400));
    }

    @AfterAll
    static void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void createsAMessageAndParsesTextAndUsage() throws Exception {
        ClientMember member = ClientMember.seed(relay, Platform.ANTHROPIC, "sk-ant-account-sdk-sync");
        relay.upstream.clear();
        AnthropicClient client = client(member);
        Message message;
        try {
            message = client.messages().create(params());
        } finally {
            client.close(); // the SDK's client is not AutoCloseable
        }

        assertThat(text(message)).isEqualTo(REPLY);
        assertSdkUsage(message);
        assertRow(member, false);
    }

    @Test
    void streamsAMessageAndAccumulatesTextAndUsage() throws Exception {
        ClientMember member = ClientMember.seed(relay, Platform.ANTHROPIC, "sk-ant-account-sdk-stream");
        relay.upstream.clear();
        MessageAccumulator accumulator = MessageAccumulator.create();
        AnthropicClient client = client(member);
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params())) {
            stream.stream().forEach(accumulator::accumulate);
        } finally {
            client.close();
        }
        Message message = accumulator.message();

        assertThat(text(message)).isEqualTo(REPLY);
        assertSdkUsage(message);
        assertRow(member, true);
    }

    private static AnthropicClient client(ClientMember member) {
        return AnthropicOkHttpClient.builder().baseUrl(relay.baseUrl()).apiKey(member.key())
                .maxRetries(0).timeout(Duration.ofSeconds(20)).build();
    }

    private static MessageCreateParams params() {
        return MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(256).addUserMessage("say hi").build();
    }

    private static String text(Message message) {
        return message.content().stream().flatMap(block -> block.text().stream()).map(TextBlock::text)
                .collect(Collectors.joining());
    }

    private static void assertSdkUsage(Message message) {
        assertThat(message.usage().inputTokens()).isEqualTo(250);
        assertThat(message.usage().outputTokens()).isEqualTo(12);
        assertThat(message.usage().cacheCreationInputTokens()).contains(40L);
        assertThat(message.usage().cacheReadInputTokens()).contains(400L);
    }

    private static void assertRow(ClientMember member, boolean stream) throws InterruptedException {
        member.assertUpstreamSawOnlyTheAccountCredential(relay.upstream);
        UsageLogRecord row = member.awaitUsageRows(postgres.dsl(), 1).getFirst();
        assertThat(row.getStatusCode()).isEqualTo(200);
        assertThat(row.getStream()).isEqualTo(stream);
        assertThat(row.getEndpoint()).isEqualTo("/v1/messages");
        assertThat(row.getRequestedModel()).isEqualTo("claude-sonnet-4-5");
        assertThat(row.getInputTokens()).isEqualTo(250);
        assertThat(row.getOutputTokens()).isEqualTo(12);
        assertThat(row.getCacheWrite_5mTokens()).isEqualTo(30);
        assertThat(row.getCacheWrite_1hTokens()).isEqualTo(10);
        assertThat(row.getCacheReadTokens()).isEqualTo(400);
    }
}
