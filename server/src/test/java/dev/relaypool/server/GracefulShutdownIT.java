package dev.relaypool.server;

import static dev.relaypool.server.storage.schema.Tables.USAGE_LOG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What SIGTERM does (Main calls {@link RelaypoolServer#close()}): in-flight streams finish, usage is flushed. */
class GracefulShutdownIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static final MediaType JSON = MediaType.get("application/json");

    @Test
    void letsAnInFlightStreamFinishAndFlushesItsUsageBeforeStopping() throws Exception {
        RelayFixture relay = RelayFixture.start(postgres, java.util.Map.of("RELAYPOOL_SERVER_SHUTDOWN_GRACE_SECONDS", "20"));
        RelayFixture.Member member;
        CompletableFuture<String> body;
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(30)).build();
        try {
            member = relay.member(Platform.ANTHROPIC);
            relay.upstream.setReply("one two three four five six seven eight", 8);
            relay.upstream.setPacing(Duration.ofMillis(250)); // ~3 s of streaming
            Request request = new Request.Builder().url(relay.baseUrl() + "/v1/messages")
                    .header("x-api-key", member.key())
                    .post(RequestBody.create("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":true,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"count\"}]}", JSON))
                    .build();
            body = CompletableFuture.supplyAsync(() -> {
                try (Response response = http.newCall(request).execute()) {
                    return response.code() + "\n" + response.body().string();
                } catch (IOException e) {
                    return "failed: " + e;
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (relay.upstream.openStreams() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(relay.upstream.openStreams()).as("stream under way").isPositive();
        } finally {
            relay.close(); // the graceful stop: returns once in-flight requests are done
        }

        String answered = body.get(5, TimeUnit.SECONDS);
        assertThat(answered).startsWith("200").contains("event: message_stop").doesNotContain("event: error");
        assertThat(postgres.dsl().fetchCount(USAGE_LOG, USAGE_LOG.USER_ID.eq(member.userId())))
                .as("usage written before the stop completed").isEqualTo(1);
    }
}
