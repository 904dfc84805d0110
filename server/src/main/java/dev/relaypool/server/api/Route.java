package dev.relaypool.server.api;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the route table: method, path template ({@code /api/v1/users/{id}}), who may call it, the body it
 * reads ({@code Void} = none) and the body it answers with ({@code Void} = 204). The OpenAPI document and the
 * authorisation check both read these fields, so they cannot drift from the code.
 */
public record Route<T>(String method, String path, Access access, String summary, Class<T> requestType,
                       Type responseType, RouteHandler<T> handler) {
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    public Route {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(requestType, "requestType");
        Objects.requireNonNull(responseType, "responseType");
        Objects.requireNonNull(handler, "handler");
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("unsupported method " + method);
        }
        if (!path.startsWith("/api/") || path.endsWith("/")) {
            throw new IllegalArgumentException("path must start with /api/ and not end with /: " + path);
        }
        if (path.startsWith("/api/v1/admin/") && access != Access.ADMIN) {
            throw new IllegalArgumentException("every /api/v1/admin/ route must be ADMIN: " + method + " " + path);
        }
    }

    /** A route without a request body. */
    public static Route<Void> of(String method, String path, Access access, String summary, Type responseType,
                                 RouteHandler<Void> handler) {
        return new Route<>(method, path, access, summary, Void.class, responseType, handler);
    }

    /** A route reading a JSON body of {@code requestType}. */
    public static <T> Route<T> of(String method, String path, Access access, String summary, Class<T> requestType,
                                  Type responseType, RouteHandler<T> handler) {
        return new Route<>(method, path, access, summary, requestType, responseType, handler);
    }

    public boolean hasBody() {
        return requestType != Void.class;
    }

    public String key() {
        return method + " " + path;
    }
}
