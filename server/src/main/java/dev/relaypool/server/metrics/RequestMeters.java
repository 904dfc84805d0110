package dev.relaypool.server.metrics;

import dev.relaypool.model.Platform;
import dev.relaypool.server.usage.TokenUsage;
import dev.relaypool.server.usage.UsageRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The meters of finished gateway requests, fed one {@link UsageRecord} each. Meters are found through maps keyed by
 * the record's own strings and an array indexed by enum ordinals, so once a label combination has been seen a request
 * allocates nothing. Label values are capped: a label the gateway never meant to vary cannot explode the series count.
 */
final class RequestMeters {
    static final int MAX_ENDPOINTS = 32;
    static final int MAX_ERROR_CLASSES = 64;
    static final String OTHER = "other";
    static final String NO_ERROR = "none";
    private static final String[] STATUS_CLASSES = {OTHER, "1xx", "2xx", "3xx", "4xx", "5xx"};
    private static final Platform[] PLATFORMS = Platform.values();
    private static final int CELLS = PLATFORMS.length * STATUS_CLASSES.length;
    /** LLM answers take from milliseconds (count_tokens) to many minutes (long streams). */
    private static final Duration[] LATENCY_BUCKETS = seconds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600);
    private static final Duration[] FIRST_TOKEN_BUCKETS = seconds(0.1, 0.25, 0.5, 1, 1.5, 2, 3, 5, 8, 13, 20, 30, 60);

    /** Token buckets as billed (see {@link TokenUsage}); disjoint, so they add up to every token. */
    enum Bucket {
        INPUT, OUTPUT, CACHE_WRITE_5M, CACHE_WRITE_1H, CACHE_READ;

        String label() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    private record Series(Counter requests, Timer latency) {}

    private final MeterRegistry registry;
    private final ConcurrentMap<String, ConcurrentMap<String, AtomicReferenceArray<Series>>> byEndpoint =
            new ConcurrentHashMap<>();
    private final Timer[] firstToken = new Timer[PLATFORMS.length];
    private final Counter[][] tokens = new Counter[PLATFORMS.length][Bucket.values().length];

    RequestMeters(MeterRegistry registry) {
        this.registry = registry;
        for (Platform platform : PLATFORMS) {
            firstToken[platform.ordinal()] = Timer.builder("relaypool.time.to.first.token")
                    .description("From the request's arrival to the first byte of the answer sent to the client")
                    .tag("platform", platform.wireName())
                    .serviceLevelObjectives(FIRST_TOKEN_BUCKETS)
                    .register(registry);
            for (Bucket bucket : Bucket.values()) {
                tokens[platform.ordinal()][bucket.ordinal()] = Counter.builder("relaypool.tokens")
                        .description("Tokens of answered requests, by billing bucket")
                        .tags("platform", platform.wireName(), "bucket", bucket.label())
                        .register(registry);
            }
        }
    }

    void record(UsageRecord record) {
        int platform = record.platform().ordinal();
        Series series = series(record.endpoint(), record.errorClass(), platform, statusClass(record.statusCode()));
        series.requests().increment();
        series.latency().record(record.durationMillis(), TimeUnit.MILLISECONDS);
        if (record.firstTokenMillis() != null) {
            firstToken[platform].record(record.firstTokenMillis(), TimeUnit.MILLISECONDS);
        }
        TokenUsage used = record.tokens();
        Counter[] byBucket = tokens[platform];
        add(byBucket[Bucket.INPUT.ordinal()], used.inputTokens());
        add(byBucket[Bucket.OUTPUT.ordinal()], used.outputTokens());
        add(byBucket[Bucket.CACHE_WRITE_5M.ordinal()], used.cacheWrite5mTokens());
        add(byBucket[Bucket.CACHE_WRITE_1H.ordinal()], used.cacheWrite1hTokens());
        add(byBucket[Bucket.CACHE_READ.ordinal()], used.cacheReadTokens());
    }

    private Series series(String endpoint, String errorClass, int platform, int status) {
        ConcurrentMap<String, AtomicReferenceArray<Series>> byError = byEndpoint.get(endpoint);
        if (byError == null) {
            endpoint = capped(byEndpoint, endpoint, MAX_ENDPOINTS);
            byError = byEndpoint.computeIfAbsent(endpoint, k -> new ConcurrentHashMap<>());
        }
        String error = errorClass == null ? NO_ERROR : errorClass;
        AtomicReferenceArray<Series> cells = byError.get(error);
        if (cells == null) {
            error = capped(byError, error, MAX_ERROR_CLASSES);
            cells = byError.computeIfAbsent(error, k -> new AtomicReferenceArray<>(CELLS));
        }
        int cell = platform * STATUS_CLASSES.length + status;
        Series series = cells.get(cell);
        if (series == null) {
            // a racing thread may build the same meters: the registry hands both the one registered first
            series = register(endpoint, error, PLATFORMS[platform], STATUS_CLASSES[status]);
            cells.compareAndSet(cell, null, series);
        }
        return series;
    }

    private Series register(String endpoint, String error, Platform platform, String status) {
        String[] tags = {"endpoint", endpoint, "platform", platform.wireName(), "status", status, "error_class", error};
        return new Series(
                Counter.builder("relaypool.requests.total")
                        .description("Finished gateway requests (those that reached an upstream or the scheduler)")
                        .tags(tags).register(registry),
                Timer.builder("relaypool.requests")
                        .description("Gateway request duration, from arrival to the last byte sent")
                        .tags(tags).serviceLevelObjectives(LATENCY_BUCKETS).register(registry));
    }

    /** {@code value} while the map has room for new values, else {@value #OTHER}. */
    private static String capped(ConcurrentMap<String, ?> seen, String value, int max) {
        return seen.containsKey(value) || seen.size() < max ? value : OTHER;
    }

    static int statusClass(int status) {
        return status >= 100 && status <= 599 ? status / 100 : 0;
    }

    private static void add(Counter counter, long amount) {
        if (amount > 0) {
            counter.increment(amount);
        }
    }

    private static Duration[] seconds(double... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
        }
        return durations;
    }
}
