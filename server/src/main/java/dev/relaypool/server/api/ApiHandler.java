package dev.relaypool.server.api;

import dev.relaypool.server.api.RouteTable.Match;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@link HttpHandler} for {@code /api}: finds the route, authenticates, authorises by the route's
 * {@link Access} (the only place that does), parses the JSON body and writes the handler's answer. Everything but
 * the route lookup runs on {@code executor} (virtual threads), never on the IO thread.
 */
public final class ApiHandler implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
    /** API bodies are small; a larger one is refused before it is parsed. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private final RouteTable routes;
    private final Authenticator authenticator;
    private final Executor executor;
    private final TrustedProxies proxies;

    public ApiHandler(RouteTable routes, Authenticator authenticator, Executor executor, TrustedProxies proxies) {
        this.routes = routes;
        this.authenticator = authenticator;
        this.executor = executor;
        this.proxies = proxies;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String method = exchange.getRequestMethod().toString();
        switch (routes.match(method, exchange.getRequestPath())) {
            case Match.NotFound notFound -> ResponseWriter.write(exchange,
                    ApiResponse.error(ErrorCode.NOT_FOUND, "no such API route"), false);
            case Match.MethodNotAllowed(var allowed) -> ResponseWriter.write(exchange,
                    ApiResponse.error(ErrorCode.METHOD_NOT_ALLOWED, method + " is not allowed here; use " + allowed)
                            .withHeader("Allow", String.join(", ", allowed)), false);
            case Match.Found found -> {
                exchange.startBlocking();
                exchange.dispatch(executor, () -> serve(exchange, found));
            }
        }
    }

    private void serve(HttpServerExchange exchange, Match.Found found) {
        boolean secure = secure(exchange);
        try {
            ResponseWriter.write(exchange, answer(exchange, found, secure), secure);
        } catch (RuntimeException e) {
            // the one place unexpected failures become a response; the log names the route, never the body
            log.error("API {} failed", found.route().key(), e);
            if (!exchange.isResponseStarted()) {
                ResponseWriter.write(exchange, ApiResponse.error(ErrorCode.INTERNAL_ERROR, "internal error"), secure);
            }
        } finally {
            exchange.endExchange();
        }
    }

    private ApiResponse answer(HttpServerExchange exchange, Match.Found found, boolean secure) {
        Route<?> route = found.route();
        Authenticator.Result authentication = authenticate(exchange);
        Optional<Principal> principal = authentication instanceof Authenticator.Result.Authenticated(var p)
                ? Optional.of(p) : Optional.empty();
        if (route.access() != Access.ANONYMOUS) {
            if (principal.isEmpty()) {
                String why = authentication instanceof Authenticator.Result.Rejected(var message)
                        ? message : "sign in first: Authorization: Bearer <access token>";
                return ApiResponse.error(ErrorCode.UNAUTHENTICATED, why).withHeader("WWW-Authenticate", "Bearer");
            }
            if (!principal.get().mayCall(route.access())) {
                return ApiResponse.error(ErrorCode.FORBIDDEN, "this route needs the " + route.access().name().toLowerCase(java.util.Locale.ROOT)
                        + " role");
            }
        }
        BodyReader.Parsed<?> body = BodyReader.read(exchange, route.requestType());
        return switch (body) {
            case BodyReader.Parsed.Failed<?>(ApiResponse error) -> error;
            case BodyReader.Parsed.Ok<?>(var value) -> invoke(route, value, request(exchange, found, principal, secure));
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> ApiResponse invoke(Route<T> route, Object body, ApiRequest<Object> request) {
        ApiRequest<T> typed = new ApiRequest<>((T) body, request.principal(), request.pathParameters(), request.query(),
                request.cookies(), request.clientIp(), request.userAgent(), request.secure(), request.headers());
        return route.handler().handle(typed);
    }

    private Authenticator.Result authenticate(HttpServerExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            return new Authenticator.Result.Rejected("sign in first: Authorization: Bearer <access token>");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            return new Authenticator.Result.Rejected("the Authorization header must be: Bearer <token>");
        }
        return authenticator.authenticate(header.substring(7).strip());
    }

    private ApiRequest<Object> request(HttpServerExchange exchange, Match.Found found, Optional<Principal> principal,
                                       boolean secure) {
        Map<String, String> query = new HashMap<>();
        exchange.getQueryParameters().forEach((name, values) -> query.put(name, values.getFirst()));
        Map<String, String> cookies = new HashMap<>();
        for (Cookie cookie : exchange.requestCookies()) {
            cookies.putIfAbsent(cookie.getName(), cookie.getValue());
        }
        String clientIp = proxies.clientAddress(exchange.getSourceAddress().getAddress(),
                exchange.getRequestHeaders().getFirst("X-Forwarded-For"));
        Map<String, String> headers = new HashMap<>();
        String lastEventId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
        if (lastEventId != null) {
            headers.put("last-event-id", lastEventId);
        }
        return new ApiRequest<>(null, principal, found.pathParameters(), query, cookies, clientIp,
                exchange.getRequestHeaders().getFirst(Headers.USER_AGENT), secure, headers);
    }

    private boolean secure(HttpServerExchange exchange) {
        if ("https".equals(exchange.getRequestScheme())) {
            return true;
        }
        String forwardedProto = exchange.getRequestHeaders().getFirst(new HttpString("X-Forwarded-Proto"));
        return "https".equalsIgnoreCase(forwardedProto) && proxies.trusted(exchange.getSourceAddress().getAddress());
    }

    static byte[] readBody(HttpServerExchange exchange) throws IOException {
        try (InputStream in = exchange.getInputStream()) {
            return in.readNBytes(MAX_BODY_BYTES + 1);
        }
    }
}
