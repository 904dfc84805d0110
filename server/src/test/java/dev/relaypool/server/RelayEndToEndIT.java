package dev.relaypool.server;

import static dev.relaypool.server.storage.schema.Tables.USAGE_LOG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.fake.Usage;
import dev.relaypool.model.Platform;
import dev.relaypool.server.storage.schema.tables.records.UsageLogRecord;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole relay on its real parts: PostgreSQL, keys, accounts, scheduler, gateway, settlement, fake upstream. */
class RelayEndToEndIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static final MediaType JSON = MediaType.get("application/json");
    private static RelayFixture relay;
    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).build();

    @BeforeAll
    static void start() {
        relay = RelayFixture.start(postgres);
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    @Test
    void relaysAnthropicStreamWithTheAccountsCredentialAndRecordsUsage() throws Exception {
        RelayFixture.Member member = relay.member(Platform.ANTHROPIC);
        relay.upstream.setUsage(Usage.of(120, 30).withCacheWrite(40, 8).withCacheRead(500));
        Request request = new Request.Builder().url(relay.baseUrl() + "/v1/messages?beta=true")
                .header("x-api-key", member.key())
                .header("anthropic-version", "2023-06-01")
                .post(RequestBody.create("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", JSON))
                .build();
        String body;
        String requestId;
        try (Response response = http.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header("content-type")).startsWith("text/event-stream");
            requestId = response.header("x-relaypool-request-id", response.header("request-id"));
            body = response.body().string();
        }
        assertThat(body).contains("event: message_start").contains("event: message_stop");

        var received = relay.upstream.lastRequest();
        assertThat(received.header("x-api-key")).startsWith("sk-upstream-");
        assertThat(received.bodyText()).doesNotContain(member.key());
        received.headers().values().forEach(values -> assertThat(values).noneMatch(v -> v.contains(member.key())));

        UsageLogRecord row = awaitUsageRow(member.userId());
        assertThat(row.getAccountId()).isEqualTo(member.accountId());
        assertThat(row.getStatusCode()).isEqualTo(200);
        assertThat(row.getStream()).isTrue();
        assertThat(row.getInputTokens()).isEqualTo(120);
        assertThat(row.getOutputTokens()).isEqualTo(30);
        assertThat(row.getCacheWrite_5mTokens()).isEqualTo(40);
        assertThat(row.getCacheWrite_1hTokens()).isEqualTo(8);
        assertThat(row.getCacheReadTokens()).isEqualTo(500);
        if (requestId != null) {
            assertThat(row.getRequestId()).isEqualTo(requestId);
        }
        // billed exactly: the row's cost left the member's balance of 10 USD, to the last unit
        assertThat(row.getActualCost()).isPositive();
        java.math.BigDecimal balance = postgres.dsl().select(dev.relaypool.server.storage.schema.Tables.USERS.BALANCE)
                .from(dev.relaypool.server.storage.schema.Tables.USERS)
                .where(dev.relaypool.server.storage.schema.Tables.USERS.ID.eq(member.userId())).fetchOne().value1();
        assertThat(balance).isEqualByComparingTo(new java.math.BigDecimal("10").subtract(row.getActualCost()));
    }

    @Test
    void relaysOpenAiChatAndSubtractsCachedTokensFromInput() throws Exception {
        RelayFixture.Member member = relay.member(Platform.OPENAI);
        relay.upstream.setUsage(Usage.of(100, 20).withCacheRead(60));
        Request request = new Request.Builder().url(relay.baseUrl() + "/v1/chat/completions")
                .header("Authorization", "Bearer " + member.key())
                .post(RequestBody.create("{\"model\":\"gpt-5\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", JSON))
                .build();
        try (Response response = http.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body().string()).contains("\"chat.completion\"");
        }
        assertThat(relay.upstream.lastRequest().header("authorization")).startsWith("Bearer sk-upstream-");
        UsageLogRecord row = awaitUsageRow(member.userId());
        assertThat(row.getInputTokens()).isEqualTo(100);
        assertThat(row.getCacheReadTokens()).isEqualTo(60);
        assertThat(row.getOutputTokens()).isEqualTo(20);
    }

    @Test
    void relaysGeminiStreamWithKeyInQueryAndNeverForwardsIt() throws Exception {
        RelayFixture.Member member = relay.member(Platform.GEMINI);
        relay.upstream.setUsage(Usage.of(50, 10));
        Request request = new Request.Builder()
                .url(relay.baseUrl() + "/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse&key=" + member.key())
                .post(RequestBody.create("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}", JSON))
                .build();
        try (Response response = http.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body().string()).contains("usageMetadata");
        }
        var received = relay.upstream.lastRequest();
        assertThat(received.header("x-goog-api-key")).startsWith("sk-upstream-");
        assertThat(received.query() == null ? "" : received.query()).doesNotContain(member.key());
        UsageLogRecord row = awaitUsageRow(member.userId());
        assertThat(row.getInputTokens()).isEqualTo(50);
        assertThat(row.getOutputTokens()).isEqualTo(10);
    }

    @Test
    void refusesUnknownKeyInTheCallersProtocol() throws IOException {
        Request request = new Request.Builder().url(relay.baseUrl() + "/v1/messages")
                .header("x-api-key", "rp-not-a-real-key-at-all-0000000000")
                .post(RequestBody.create("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"messages\":[]}", JSON))
                .build();
        try (Response response = http.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(401);
            assertThat(response.body().string()).contains("\"type\":\"error\"").contains("authentication_error");
        }
    }

    private UsageLogRecord awaitUsageRow(long userId) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            UsageLogRecord row = postgres.dsl().selectFrom(USAGE_LOG).where(USAGE_LOG.USER_ID.eq(userId)).fetchOne();
            if (row != null) {
                return row;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no usage row for user " + userId + " within 10 s");
    }
}
