package dev.relaypool.server.gateway;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

/** Sends a gateway error, before anything else was sent, in the envelope of the caller's protocol. */
final class ErrorResponder {
    private ErrorResponder() {}

    static int send(HttpServerExchange exchange, Dialect dialect, GatewayError error) {
        return send(exchange, dialect, error, error.defaultMessage(), Optional.empty());
    }

    static int send(HttpServerExchange exchange, Dialect dialect, GatewayError error, String message,
                    Optional<Duration> retryAfter) {
        int status = dialect.status(error);
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        retryAfter.filter(d -> error.retryable())
                .ifPresent(d -> exchange.getResponseHeaders().put(Headers.RETRY_AFTER, seconds(d)));
        exchange.getResponseSender().send(ByteBuffer.wrap(dialect.errorBody(error, message)));
        return status;
    }

    /** Whole seconds, rounded up, at least 1: a client must not retry sooner than it was told. */
    static long seconds(Duration duration) {
        long seconds = duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
