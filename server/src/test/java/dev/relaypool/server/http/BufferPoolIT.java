package dev.relaypool.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every request runs on a virtual thread of its own; the listener's buffers must go back to a shared pool when
 * freed, not into a cache of that thread's. Undertow's default pool cached them per thread, so each request left
 * its buffers with a dead thread until the collector and the finalizer returned them, and took fresh direct memory
 * meanwhile. Here the number of direct buffers in the process (relay and fake upstream) stays flat over a thousand
 * sequential requests; with the default pool it grew by about two per request.
 */
class BufferPoolIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();

    private static final int REQUESTS = 1_000;
    private static final String BODY = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":"
            + "[{\"role\":\"user\",\"content\":\"" + "x".repeat(2_000) + "\"}]}";

    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).build();

    @Test
    void requestsDoNotStrandBuffersWithTheirThreads() throws Exception {
        try (RelayFixture relay = RelayFixture.start(postgres)) {
            long user = relay.user(new BigDecimal("1000"));
            long group = relay.group(Platform.ANTHROPIC);
            relay.account(group, Platform.ANTHROPIC, "sk-buffers", 10);
            String key = relay.key(user, group);
            relay.upstream.setRecordLimit(0);
            for (int i = 0; i < 50; i++) { // connections, pools and caches warmed up
                send(relay, key);
            }
            long before = directBuffers();

            for (int i = 0; i < REQUESTS; i++) {
                send(relay, key);
            }

            long grown = directBuffers() - before;
            assertThat(grown).as("direct buffers taken over %d requests", REQUESTS).isLessThan(REQUESTS / 10);
        }
    }

    private void send(RelayFixture relay, String key) throws Exception {
        Request request = new Request.Builder().url(relay.baseUrl() + "/v1/messages").header("x-api-key", key)
                .header("anthropic-version", "2023-06-01")
                .post(RequestBody.create(BODY, MediaType.get("application/json"))).build();
        try (Response response = http.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body().string()).contains("\"usage\"");
        }
    }

    private static long directBuffers() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getCount).sum();
    }
}
