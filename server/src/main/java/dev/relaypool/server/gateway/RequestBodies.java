package dev.relaypool.server.gateway;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body whole, up to the configured limit; beyond it the connection is not reused. */
final class RequestBodies {
    sealed interface Body {
        record Read(byte[] bytes) implements Body {}

        record TooLarge() implements Body {}

        record ClientGone() implements Body {}
    }

    private final long maxBytes;

    RequestBodies(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    Body read(HttpServerExchange exchange) {
        if (exchange.getRequestContentLength() > maxBytes) {
            exchange.setPersistent(false); // do not read the rest only to throw it away
            return new Body.TooLarge();
        }
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
            }
        } catch (RequestTooBigException e) {
            exchange.setPersistent(false);
            return new Body.TooLarge();
        } catch (IOException e) {
            return new Body.ClientGone();
        }
        return new Body.Read(body.toByteArray());
    }
}
