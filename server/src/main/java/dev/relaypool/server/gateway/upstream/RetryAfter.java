package dev.relaypool.server.gateway.upstream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import okhttp3.Headers;

/**
 * How long the provider asked us to stay away, from every hint it gave: {@code retry-after(-ms)} (seconds or an
 * HTTP date), Anthropic's {@code anthropic-ratelimit-unified-reset} when the unified limit rejected us, OpenAI's
 * {@code x-ratelimit-reset-requests/-tokens} (Go durations such as {@code 1s}, {@code 6m0s}) for the exhausted
 * limit, Google's RetryInfo {@code retryDelay} in the body. The longest wins: the account is of no use until every
 * limit that said no has reopened. Empty when the provider gave no (positive) hint.
 */
public final class RetryAfter {
    /** Google puts the hint in the body: {@code "retryDelay": "31s"} in a RetryInfo detail. */
    private static final Pattern GOOGLE_RETRY_DELAY = Pattern.compile("\"retryDelay\"\\s*:\\s*\"(\\d+(?:\\.\\d+)?)s\"");
    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|h|m|s)");
    private static final Duration MAX = Duration.ofDays(1);

    private RetryAfter() {}

    public static Optional<Duration> from(Headers headers, String errorBody, Clock clock) {
        return from(headers::get, errorBody, clock);
    }

    /** {@code header}: a response header by (case-insensitive) name, or null. */
    public static Optional<Duration> from(Function<String, String> header, String errorBody, Clock clock) {
        return Stream.of(
                        millis(header.apply("retry-after-ms")),
                        seconds(header.apply("retry-after")).or(() -> httpDate(header.apply("retry-after"), clock)),
                        anthropicUnifiedReset(header, clock),
                        openAiReset(header, "requests"),
                        openAiReset(header, "tokens"),
                        googleRetryDelay(errorBody))
                .flatMap(Optional::stream)
                .filter(d -> d.isPositive())
                .max(Duration::compareTo)
                .map(d -> d.compareTo(MAX) > 0 ? MAX : d);
    }

    private static Optional<Duration> anthropicUnifiedReset(Function<String, String> header, Clock clock) {
        if (!"rejected".equalsIgnoreCase(String.valueOf(header.apply("anthropic-ratelimit-unified-status")).trim())) {
            return Optional.empty();
        }
        return epochSeconds(header.apply("anthropic-ratelimit-unified-reset"))
                .map(reset -> Duration.between(clock.instant(), reset));
    }

    /** The reset of an OpenAI limit, only when that limit is the one used up (remaining 0) or nothing says. */
    private static Optional<Duration> openAiReset(Function<String, String> header, String limit) {
        String remaining = header.apply("x-ratelimit-remaining-" + limit);
        if (remaining != null && !remaining.trim().equals("0")) {
            return Optional.empty();
        }
        return goDuration(header.apply("x-ratelimit-reset-" + limit));
    }

    /** {@code 1s}, {@code 6m0s}, {@code 20ms}, {@code 1h2m3.5s}; empty when not one. */
    public static Optional<Duration> goDuration(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Matcher part = GO_DURATION_PART.matcher(value.trim());
        double nanos = 0;
        int end = 0;
        while (part.find()) {
            if (part.start() != end) {
                return Optional.empty();
            }
            double amount = Double.parseDouble(part.group(1));
            nanos += amount * switch (part.group(2)) {
                case "h" -> 3_600e9;
                case "m" -> 60e9;
                case "s" -> 1e9;
                case "ms" -> 1e6;
                case "us", "µs" -> 1e3;
                default -> 1;
            };
            end = part.end();
        }
        return end == value.trim().length() && end > 0 ? Optional.of(Duration.ofNanos((long) nanos)) : Optional.empty();
    }

    private static Optional<Instant> epochSeconds(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Instant.ofEpochSecond(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
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
