package dev.relaypool.server.metrics;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}: the Prometheus text exposition format. The access check runs on the IO thread; the scrape,
 * which may wait on Redis or the journal's lock, on a worker thread.
 */
final class MetricsHandler implements HttpHandler {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final HttpString[] PROXY_HEADERS = {
            HttpString.tryFromString("Forwarded"), Headers.X_FORWARDED_FOR, HttpString.tryFromString("X-Real-IP")};

    private final MetricsAccess access;
    private final Supplier<String> scrape;
    private final HttpHandler respond = this::respond;

    MetricsHandler(MetricsAccess access, Supplier<String> scrape) {
        this.access = access;
        this.scrape = scrape;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (!Methods.GET.equals(exchange.getRequestMethod()) && !Methods.HEAD.equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            text(exchange, 405, "Method not allowed\n");
            return;
        }
        switch (access.decide(peer(exchange), exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION),
                proxied(exchange))) {
            case MetricsAccess.Decision.Allowed() -> exchange.dispatch(respond);
            case MetricsAccess.Decision.Unauthorized() -> {
                exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"relaypool-metrics\"");
                text(exchange, 401, "Metrics need the bearer token set in metrics.token\n");
            }
            case MetricsAccess.Decision.Forbidden() -> text(exchange, 403,
                    "Without metrics.token, metrics are answered only to clients on this host's loopback\n");
        }
    }

    private void respond(HttpServerExchange exchange) {
        String body = scrape.get();
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, CONTENT_TYPE);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(body);
    }

    private static void text(HttpServerExchange exchange, int status, String message) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send(message);
    }

    private static java.net.InetAddress peer(HttpServerExchange exchange) {
        SocketAddress address = exchange.getConnection().getPeerAddress();
        return address instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }

    private static boolean proxied(HttpServerExchange exchange) {
        for (HttpString header : PROXY_HEADERS) {
            if (exchange.getRequestHeaders().contains(header)) {
                return true;
            }
        }
        return false;
    }
}
