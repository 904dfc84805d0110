package dev.relaypool.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.time.Duration;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /metrics} behind {@code metrics.token}, and switched off by {@code metrics.enabled}. */
class MetricsTokenIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static final String TOKEN = "scrape-token-7f3a9c2e41d8";
    /** Both relays of this class share its database, hence one master key for what they encrypt there. */
    private static final String MASTER_KEY = java.util.Base64.getEncoder().encodeToString(new byte[32]);
    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).build();

    @Test
    void requiresTheBearerTokenWhenOneIsSet() throws Exception {
        try (RelayFixture relay = RelayFixture.start(postgres, Map.of("RELAYPOOL_METRICS_TOKEN", TOKEN,
                "RELAYPOOL_SECURITY_MASTER_KEY", MASTER_KEY))) {
            try (Response response = http.newCall(metrics(relay).build()).execute()) {
                assertThat(response.code()).isEqualTo(401);
                assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
                assertThat(response.body().string()).doesNotContain("relaypool_").doesNotContain(TOKEN);
            }
            try (Response response = http.newCall(metrics(relay).header("Authorization", "Bearer not-the-token-0000")
                    .build()).execute()) {
                assertThat(response.code()).isEqualTo(401);
            }
            try (Response response = http.newCall(metrics(relay).header("Authorization", "Bearer " + TOKEN)
                    .header("X-Forwarded-For", "203.0.113.9").build()).execute()) {
                assertThat(response.code()).isEqualTo(200);
                assertThat(response.body().string()).contains("relaypool_leases_in_use").contains("jvm_memory_used_bytes");
            }
        }
    }

    @Test
    void servesNoMetricsWhenDisabled() throws Exception {
        try (RelayFixture relay = RelayFixture.start(postgres, Map.of("RELAYPOOL_METRICS_ENABLED", "false",
                "RELAYPOOL_SECURITY_MASTER_KEY", MASTER_KEY))) {
            try (Response response = http.newCall(metrics(relay).build()).execute()) {
                assertThat(response.code()).isEqualTo(404);
                assertThat(response.body().string()).doesNotContain("relaypool_");
            }
        }
    }

    private static Request.Builder metrics(RelayFixture relay) {
        return new Request.Builder().url(relay.baseUrl() + "/metrics");
    }
}
