package dev.relaypool.server.api;

import java.util.Map;
import java.util.Optional;

/**
 * What a route handler sees of a request: the parsed body, the authenticated principal (present whenever the
 * route's access is not {@link Access#ANONYMOUS}), path parameters, query, cookies and the client address.
 * It holds no Undertow types so that handlers are plain functions, testable without a server.
 */
public record ApiRequest<T>(T body, Optional<Principal> principal, Map<String, String> pathParameters,
                            Map<String, String> query, Map<String, String> cookies, String clientIp,
                            String userAgent, boolean secure) {
    public ApiRequest {
        pathParameters = Map.copyOf(pathParameters);
        query = Map.copyOf(query);
        cookies = Map.copyOf(cookies);
        userAgent = userAgent == null ? "" : userAgent;
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
