package dev.relaypool.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HttpString;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives every request an id ({@code req_} + 24 hex digits), returned as {@value #HEADER_NAME} and used in logs
 * and usage records. Never taken from the client: ids must be unique for billing idempotency.
 */
public final class RequestIdHandler implements HttpHandler {
    public static final String HEADER_NAME = "x-relaypool-request-id";
    public static final HttpString HEADER = new HttpString(HEADER_NAME);
    private static final AttachmentKey<String> KEY = AttachmentKey.create(String.class);

    private final HttpHandler next;

    public RequestIdHandler(HttpHandler next) {
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String id = newId();
        exchange.putAttachment(KEY, id);
        exchange.getResponseHeaders().put(HEADER, id);
        next.handleRequest(exchange);
    }

    /** The id of this exchange; present once this handler has run. */
    public static String of(HttpServerExchange exchange) {
        String id = exchange.getAttachment(KEY);
        if (id == null) {
            throw new IllegalStateException("RequestIdHandler did not run for this exchange");
        }
        return id;
    }

    static String newId() {
        byte[] random = new byte[12];
        ThreadLocalRandom.current().nextBytes(random);
        return "req_" + HexFormat.of().formatHex(random);
    }
}
