package dev.relaypool.server.api;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CORS for the REST API and the gateway, for the origins of {@code server.cors-origins} only: a browser page on a
 * configured origin may call the relay (preflight answered here, the origin echoed back); any other origin gets no
 * CORS header at all, so the browser keeps its same-origin rule. Every answer carries {@code Vary: Origin} so that a
 * cache never hands one origin's answer to another.
 */
public final class CorsHandler implements HttpHandler {
    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    /** What the SDKs and the dashboard send: the three providers' key headers and versions, JSON, the request id. */
    static final String ALLOWED_HEADERS = "authorization, x-api-key, x-goog-api-key, anthropic-version, anthropic-beta, "
            + "content-type, openai-organization, openai-project, x-relaypool-request-id, last-event-id";
    static final String EXPOSED_HEADERS = "retry-after, x-relaypool-request-id";
    static final long MAX_AGE_SECONDS = 600;

    private static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
    private static final HttpString ALLOW_CREDENTIALS = new HttpString("Access-Control-Allow-Credentials");
    private static final HttpString ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");
    private static final HttpString ALLOW_HEADERS = new HttpString("Access-Control-Allow-Headers");
    private static final HttpString EXPOSE_HEADERS = new HttpString("Access-Control-Expose-Headers");
    private static final HttpString MAX_AGE = new HttpString("Access-Control-Max-Age");
    private static final HttpString REQUEST_METHOD = new HttpString("Access-Control-Request-Method");
    private static final HttpString ORIGIN = new HttpString("Origin");
    private static final HttpString VARY = new HttpString("Vary");

    private final Set<String> origins;
    private final HttpHandler next;

    public CorsHandler(List<String> origins, HttpHandler next) {
        this.origins = origins.stream().map(CorsHandler::normalise).collect(Collectors.toUnmodifiableSet());
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        exchange.getResponseHeaders().add(VARY, "Origin");
        String origin = exchange.getRequestHeaders().getFirst(ORIGIN);
        boolean allowed = origin != null && origins.contains(normalise(origin));
        boolean preflight = exchange.getRequestMethod().equals(Methods.OPTIONS) && origin != null
                && exchange.getRequestHeaders().contains(REQUEST_METHOD);
        if (preflight) {
            if (allowed) {
                allow(exchange, origin);
                exchange.getResponseHeaders().put(ALLOW_METHODS, ALLOWED_METHODS)
                        .put(ALLOW_HEADERS, ALLOWED_HEADERS)
                        .put(MAX_AGE, Long.toString(MAX_AGE_SECONDS));
                exchange.setStatusCode(204);
            } else {
                exchange.setStatusCode(403); // no CORS headers: the browser refuses the real request
            }
            exchange.endExchange();
            return;
        }
        if (allowed) {
            allow(exchange, origin);
            exchange.getResponseHeaders().put(EXPOSE_HEADERS, EXPOSED_HEADERS);
        }
        next.handleRequest(exchange);
    }

    private static void allow(HttpServerExchange exchange, String origin) {
        exchange.getResponseHeaders().put(ALLOW_ORIGIN, origin).put(ALLOW_CREDENTIALS, "true");
    }

    /** Origins compare without case and without a trailing slash, as browsers send them (scheme://host[:port]). */
    private static String normalise(String origin) {
        String trimmed = origin.strip();
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }
}
