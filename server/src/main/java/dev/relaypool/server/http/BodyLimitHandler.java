package dev.relaypool.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Objects;

/**
 * Limits request bodies per exchange instead of server-wide: Undertow's global limit refuses an oversized
 * Content-Length while parsing, with an empty 400 no handler can shape, whereas a per-exchange limit surfaces as
 * {@code RequestTooBigException} on read, which each API turns into a 413 in its own error format.
 */
public final class BodyLimitHandler implements HttpHandler {
    private final long maxBytes;
    private final HttpHandler next;

    public BodyLimitHandler(long maxBytes, HttpHandler next) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.maxBytes = maxBytes;
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        exchange.setMaxEntitySize(maxBytes);
        next.handleRequest(exchange);
    }
}
