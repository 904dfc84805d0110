package dev.relaypool.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.relaypool.model.Platform;
import dev.relaypool.server.usage.TokenUsage;
import dev.relaypool.server.usage.UsageRecord;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestMetersTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<UsageRecord> billed = new ArrayList<>();
    private final MeteredUsageSink sink = new MeteredUsageSink(billed::add, new RequestMeters(registry));

    @Test
    void countsRequestsByEndpointPlatformStatusClassAndErrorClass() {
        sink.accept(record(Platform.ANTHROPIC, "/v1/messages", 200, null, 1_200, 300L, TokenUsage.NONE));
        sink.accept(record(Platform.ANTHROPIC, "/v1/messages", 200, null, 800, 200L, TokenUsage.NONE));
        sink.accept(record(Platform.OPENAI, "/v1/chat/completions", 502, "server_error", 40, null, TokenUsage.NONE));
        sink.accept(record(Platform.OPENAI, "/v1/chat/completions", 499, "client_gone", 10, null, TokenUsage.NONE));

        Exposition metrics = Exposition.parse(registry.scrape());
        String[] ok = {"endpoint", "/v1/messages", "platform", "anthropic", "status", "2xx", "error_class", "none"};
        assertThat(metrics.value("relaypool_requests_total", ok)).isEqualTo(2);
        assertThat(metrics.value("relaypool_requests_seconds_count", ok)).isEqualTo(2);
        assertThat(metrics.value("relaypool_requests_seconds_sum", ok)).isCloseTo(2.0, within(1e-9));
        assertThat(metrics.value("relaypool_requests_seconds_bucket", append(ok, "le", "1.0"))).isEqualTo(1);
        assertThat(metrics.value("relaypool_requests_seconds_bucket", append(ok, "le", "2.5"))).isEqualTo(2);
        assertThat(metrics.value("relaypool_requests_total", "endpoint", "/v1/chat/completions", "platform", "openai",
                "status", "5xx", "error_class", "server_error")).isEqualTo(1);
        assertThat(metrics.value("relaypool_requests_total", "endpoint", "/v1/chat/completions", "platform", "openai",
                "status", "4xx", "error_class", "client_gone")).isEqualTo(1);
        assertThat(billed).hasSize(4);
    }

    @Test
    void recordsTimeToFirstTokenOnlyWhenSomethingWasSent() {
        sink.accept(record(Platform.GEMINI, "/v1beta/models:streamGenerateContent", 200, null, 3_000, 400L, TokenUsage.NONE));
        sink.accept(record(Platform.GEMINI, "/v1beta/models:streamGenerateContent", 429, "rate_limited", 5, null,
                TokenUsage.NONE));

        Exposition metrics = Exposition.parse(registry.scrape());
        assertThat(metrics.value("relaypool_time_to_first_token_seconds_count", "platform", "gemini")).isEqualTo(1);
        assertThat(metrics.value("relaypool_time_to_first_token_seconds_sum", "platform", "gemini"))
                .isCloseTo(0.4, within(1e-9));
        assertThat(metrics.value("relaypool_time_to_first_token_seconds_bucket", "platform", "gemini", "le", "0.5"))
                .isEqualTo(1);
        assertThat(metrics.value("relaypool_time_to_first_token_seconds_count", "platform", "openai")).isZero();
    }

    @Test
    void addsTokensPerBucketAndPlatform() {
        sink.accept(record(Platform.ANTHROPIC, "/v1/messages", 200, null, 10, 5L, new TokenUsage(120, 30, 40, 8, 500)));
        sink.accept(record(Platform.ANTHROPIC, "/v1/messages", 200, null, 10, 5L, new TokenUsage(1, 2, 0, 0, 0)));

        Exposition metrics = Exposition.parse(registry.scrape());
        assertThat(metrics.value("relaypool_tokens_total", "bucket", "input", "platform", "anthropic")).isEqualTo(121);
        assertThat(metrics.value("relaypool_tokens_total", "bucket", "output", "platform", "anthropic")).isEqualTo(32);
        assertThat(metrics.value("relaypool_tokens_total", "bucket", "cache_write_5m", "platform", "anthropic")).isEqualTo(40);
        assertThat(metrics.value("relaypool_tokens_total", "bucket", "cache_write_1h", "platform", "anthropic")).isEqualTo(8);
        assertThat(metrics.value("relaypool_tokens_total", "bucket", "cache_read", "platform", "anthropic")).isEqualTo(500);
        assertThat(metrics.value("relaypool_tokens_total", "bucket", "input", "platform", "openai")).isZero();
    }

    @Test
    void capsErrorClassesSoThatSeriesCannotGrowWithoutBound() {
        for (int i = 0; i < RequestMeters.MAX_ERROR_CLASSES + 50; i++) {
            sink.accept(record(Platform.OPENAI, "/v1/responses", 500, "odd_" + i, 1, null, TokenUsage.NONE));
        }

        Exposition metrics = Exposition.parse(registry.scrape());
        assertThat(metrics.count("relaypool_requests_total")).isEqualTo(RequestMeters.MAX_ERROR_CLASSES + 1);
        assertThat(metrics.value("relaypool_requests_total", "endpoint", "/v1/responses", "platform", "openai",
                "status", "5xx", "error_class", "other")).isEqualTo(50);
    }

    @Test
    void handsEveryRecordOnEvenWhenMetricsFail() {
        UsageRecord record = record(Platform.OPENAI, "/v1/responses", 200, null, 1, null, TokenUsage.NONE);
        new MeteredUsageSink(billed::add, null).accept(record); // meters missing: a bug, yet the record is billed

        assertThat(billed).containsExactly(record);
    }

    @Test
    void classifiesStatusCodes() {
        assertThat(RequestMeters.statusClass(200)).isEqualTo(2);
        assertThat(RequestMeters.statusClass(499)).isEqualTo(4);
        assertThat(RequestMeters.statusClass(529)).isEqualTo(5);
        assertThat(RequestMeters.statusClass(0)).isZero();
        assertThat(RequestMeters.statusClass(600)).isZero();
    }

    private static String[] append(String[] labels, String... more) {
        String[] all = new String[labels.length + more.length];
        System.arraycopy(labels, 0, all, 0, labels.length);
        System.arraycopy(more, 0, all, labels.length, more.length);
        return all;
    }

    static UsageRecord record(Platform platform, String endpoint, int status, String errorClass, long durationMillis,
                              Long firstTokenMillis, TokenUsage tokens) {
        return new UsageRecord("req-" + System.nanoTime(), 1, 2, 3, status < 300 ? 4L : null, platform, endpoint,
                "model", "model", true, status, tokens, durationMillis, firstTokenMillis, errorClass, "127.0.0.1",
                "test", Instant.parse("2026-01-01T00:00:00Z"));
    }
}
