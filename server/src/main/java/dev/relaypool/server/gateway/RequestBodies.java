package dev.relaypool.server.gateway;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Reads a request body whole, up to the configured size and within the configured time; beyond either the
 * connection is not reused. The time limit is checked between reads (each read is itself bounded by the
 * listener's read timeout), so a client that dribbles a byte at a time is cut off after about {@code timeout}.
 */
final class RequestBodies {
    sealed interface Body {
        record Read(byte[] bytes) implements Body {}

        record TooLarge() implements Body {}

        record TooSlow() implements Body {}

        record ClientGone() implements Body {}
    }

    private final long maxBytes;
    private final long timeoutNanos;

    RequestBodies(long maxBytes, Duration timeout) {
        if (maxBytes < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("maxBytes and timeout must be positive");
        }
        this.maxBytes = maxBytes;
        this.timeoutNanos = timeout.toNanos();
    }

    Body read(HttpServerExchange exchange) {
        if (exchange.getRequestContentLength() > maxBytes) {
            exchange.setPersistent(false); // do not read the rest only to throw it away
            return new Body.TooLarge();
        }
        long started = System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream(
                (int) Math.min(Math.max(exchange.getRequestContentLength(), 1024), 1 << 20));
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = exchange.getInputStream();
            for (int read; (read = in.read(buffer)) != -1; ) {
                if (body.size() + read > maxBytes) {
                    exchange.setPersistent(false);
                    return new Body.TooLarge();
                }
                body.write(buffer, 0, read);
                if (System.nanoTime() - started > timeoutNanos) {
                    exchange.setPersistent(false);
                    return new Body.TooSlow();
                }
            }
        } catch (RequestTooBigException e) {
            exchange.setPersistent(false);
            return new Body.TooLarge();
        } catch (IOException e) { // includes the listener's read timeout
            exchange.setPersistent(false);
            return new Body.ClientGone();
        }
        return new Body.Read(body.toByteArray());
    }
}
