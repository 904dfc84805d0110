package dev.relaypool.server.gateway;

import java.time.Instant;
import java.util.Objects;

/** One authenticated gateway request: who, where to, and when it started (for durations and the usage record). */
record RequestContext(String requestId, Endpoint endpoint, Dialect dialect, KeyContext key, long startNanos,
                      Instant startedAt, String clientIp, String userAgent) {
    RequestContext {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
