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

    /**
     * How much of a body beyond the limit is read and thrown away before the 413: a client (every SDK) writes its
     * whole body before reading, and closing on unread bytes makes the kernel send a reset that destroys the 413
     * already sent. Anything larger than the limit plus this is refused without reading (the client sees a reset).
     */
    static final long DRAIN_BYTES = 4L << 20;

    private final long maxBytes;
    private final long drainCap;
    private final long timeoutNanos;

    RequestBodies(long maxBytes, Duration timeout) {
        if (maxBytes < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("maxBytes and timeout must be positive");
        }
        this.maxBytes = maxBytes;
        this.drainCap = maxBytes > Long.MAX_VALUE - DRAIN_BYTES ? Long.MAX_VALUE : maxBytes + DRAIN_BYTES;
        this.timeoutNanos = timeout.toNanos();
    }

    Body read(HttpServerExchange exchange) {
        long declared = exchange.getRequestContentLength();
        if (declared > drainCap) {
            exchange.setPersistent(false); // do not read the rest only to throw it away
            return new Body.TooLarge();
        }
        // this reader enforces maxBytes itself; Undertow's own limit only caps what is drained beyond it
        exchange.setMaxEntitySize(drainCap);
        long started = System.nanoTime();
        if (declared >= 0 && declared <= maxBytes) {
            return readDeclared(exchange, (int) declared, started);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 1024), 1 << 20));
        long received = 0;
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = exchange.getInputStream();
            for (int read; (read = in.read(buffer)) != -1; ) {
                received += read;
                if (received <= maxBytes) {
                    body.write(buffer, 0, read);
                } else if (body.size() > 0) {
                    body = new ByteArrayOutputStream(0); // over the limit: only drained from now on
                }
                if (System.nanoTime() - started > timeoutNanos) {
                    exchange.setPersistent(false);
                    return received > maxBytes ? new Body.TooLarge() : new Body.TooSlow();
                }
            }
        } catch (RequestTooBigException e) {
            exchange.setPersistent(false);
            return new Body.TooLarge();
        } catch (IOException e) { // includes the listener's read timeout
            exchange.setPersistent(false);
            return new Body.ClientGone();
        }
        if (received > maxBytes) {
            exchange.setPersistent(false);
            return new Body.TooLarge();
        }
        return new Body.Read(body.toByteArray());
    }

    /** A body of known length within the limit (what every SDK sends) is read straight into its own array. */
    private Body readDeclared(HttpServerExchange exchange, int length, long started) {
        byte[] bytes = new byte[length];
        int filled = 0;
        try {
            InputStream in = exchange.getInputStream();
            while (filled < length) {
                int read = in.read(bytes, filled, length - filled);
                if (read == -1) {
                    break;
                }
                filled += read;
                if (System.nanoTime() - started > timeoutNanos) {
                    exchange.setPersistent(false);
                    return new Body.TooSlow();
                }
            }
        } catch (IOException e) { // includes the listener's read timeout
            exchange.setPersistent(false);
            return new Body.ClientGone();
        }
        if (filled < length) { // the connection ended before the declared length
            exchange.setPersistent(false);
            return new Body.ClientGone();
        }
        return new Body.Read(bytes);
    }
}
