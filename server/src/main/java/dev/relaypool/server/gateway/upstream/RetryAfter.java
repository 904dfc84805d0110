package dev.relaypool.server.gateway.upstream;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;

/** How long the provider asked us to stay away, from whichever hint it gave; empty when it gave none. */
public final class RetryAfter {
    /** Google puts the hint in the body: {@code "retryDelay": "31s"} in a RetryInfo detail. */
    private static final Pattern GOOGLE_RETRY_DELAY = Pattern.compile("\"retryDelay\"\\s*:\\s*\"(\\d+(?:\\.\\d+)?)s\"");
    private static final Duration MAX = Duration.ofDays(1);

    private RetryAfter() {}

    public static Optional<Duration> from(Headers headers, String errorBody, Clock clock) {
        return millis(headers.get("retry-after-ms"))
                .or(() -> seconds(headers.get("retry-after")))
                .or(() -> httpDate(headers.get("retry-after"), clock))
                .or(() -> googleRetryDelay(errorBody))
                .map(d -> d.isNegative() ? Duration.ZERO : d.compareTo(MAX) > 0 ? MAX : d);
    }

    private static Optional<Duration> millis(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Duration.ofMillis((long) Double.parseDouble(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return value == null ? Optional.empty()
                    : Optional.of(Duration.ofMillis((long) (Double.parseDouble(value.trim()) * 1000)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> httpDate(String value, Clock clock) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
            return Optional.of(Duration.between(clock.instant(), at.toInstant()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> googleRetryDelay(String body) {
        if (body == null || body.isEmpty()) {
            return Optional.empty();
        }
        Matcher matcher = GOOGLE_RETRY_DELAY.matcher(body);
        return matcher.find() ? seconds(matcher.group(1)) : Optional.empty();
    }
}
