package dev.relaypool.server.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every provider's way of saying "come back later", and the longest one winning. */
class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static Optional<Duration> of(Map<String, String> headers, String body) {
        return RetryAfter.from(headers::get, body, CLOCK);
    }

    @Test
    void readsRetryAfterSecondsMillisAndHttpDates() {
        assertThat(of(Map.of("retry-after", "12"), "")).contains(Duration.ofSeconds(12));
        assertThat(of(Map.of("retry-after-ms", "1500"), "")).contains(Duration.ofMillis(1500));
        assertThat(of(Map.of("retry-after", "Sun, 01 Jun 2025 10:01:00 GMT"), "")).contains(Duration.ofMinutes(1));
        assertThat(of(Map.of("retry-after", "0"), "")).isEmpty();
        assertThat(of(Map.of(), "")).isEmpty();
    }

    @Test
    void readsTheAnthropicUnifiedResetOnlyWhenRejected() {
        String reset = Long.toString(NOW.plusSeconds(3600).getEpochSecond());
        assertThat(of(Map.of("anthropic-ratelimit-unified-status", "rejected", "anthropic-ratelimit-unified-reset", reset,
                "retry-after", "30"), "")).contains(Duration.ofHours(1));
        assertThat(of(Map.of("anthropic-ratelimit-unified-status", "allowed", "anthropic-ratelimit-unified-reset", reset), ""))
                .isEmpty();
    }

    @Test
    void readsOpenAiGoDurationsOfTheExhaustedLimit() {
        assertThat(RetryAfter.goDuration("1s")).contains(Duration.ofSeconds(1));
        assertThat(RetryAfter.goDuration("6m0s")).contains(Duration.ofMinutes(6));
        assertThat(RetryAfter.goDuration("20ms")).contains(Duration.ofMillis(20));
        assertThat(RetryAfter.goDuration("1h2m3.5s")).contains(Duration.ofMillis(3_723_500));
        assertThat(RetryAfter.goDuration("soon")).isEmpty();
        assertThat(of(Map.of("x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "6m0s",
                "x-ratelimit-remaining-tokens", "1000", "x-ratelimit-reset-tokens", "1h"), "")).contains(Duration.ofMinutes(6));
    }

    @Test
    void readsGoogleRetryInfoFromTheBody() {
        String body = "{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":"
                + "\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\": \"31.5s\"}]}}";
        assertThat(of(Map.of(), body)).contains(Duration.ofMillis(31_500));
    }

    @Test
    void theLongestHintWinsAndADayIsTheMost() {
        assertThat(of(Map.of("retry-after", "5", "x-ratelimit-reset-tokens", "2m0s"), "")).contains(Duration.ofMinutes(2));
        assertThat(of(Map.of("retry-after", "999999"), "")).contains(Duration.ofDays(1));
    }
}
