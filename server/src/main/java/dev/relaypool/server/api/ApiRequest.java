package dev.relaypool.server.api;

import java.util.Map;
import java.util.Optional;

/**
 * What a route handler sees of a request: the parsed body, the authenticated principal (present whenever the
 * route's access is not {@link Access#ANONYMOUS}), path parameters, query, cookies, the client address and a few
 * headers ({@code last-event-id}).
 * It holds no Undertow types so that handlers are plain functions, testable without a server.
 */
public record ApiRequest<T>(T body, Optional<Principal> principal, Map<String, String> pathParameters,
                            Map<String, String> query, Map<String, String> cookies, String clientIp,
                            String userAgent, boolean secure, Map<String, String> headers) {
    public ApiRequest {
        pathParameters = Map.copyOf(pathParameters);
        headers = Map.copyOf(headers);
        query = Map.copyOf(query);
        cookies = Map.copyOf(cookies);
        userAgent = userAgent == null ? "" : userAgent;
    }

    /** Without request headers (tests, callers that need none). */
    public ApiRequest(T body, Optional<Principal> principal, Map<String, String> pathParameters,
                      Map<String, String> query, Map<String, String> cookies, String clientIp, String userAgent,
                      boolean secure) {
        this(body, principal, pathParameters, query, cookies, clientIp, userAgent, secure, Map.of());
    }

    /** A request header by its lower-case name (only those a route may need are kept, see ApiHandler). */
    public Optional<String> header(String lowerCaseName) {
        return Optional.ofNullable(headers.get(lowerCaseName));
    }

    /** The signed-in user; only call on routes whose access is MEMBER (the table guarantees a user there). */
    public Principal.User user() {
        return switch (principal.orElseThrow(() -> new IllegalStateException("route has no principal"))) {
            case Principal.User user -> user;
            case Principal.ApiKey key -> throw new IllegalStateException("route declared MEMBER but saw an API key");
        };
    }

    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name));
    }

    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no path parameter {" + name + "}");
        }
        return value;
    }
}
