package dev.relaypool.server.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every REST route of the server, in one list. Matching is by path segments; a literal segment wins over a
 * {@code {parameter}} segment at the same position, so {@code /users/me} and {@code /users/{id}} can coexist.
 */
public final class RouteTable {
    private final List<Route<?>> routes;

    private RouteTable(List<Route<?>> routes) {
        this.routes = List.copyOf(routes);
        Set<String> seen = new HashSet<>();
        for (Route<?> route : routes) {
            if (!seen.add(route.method() + " " + shape(route.path()))) {
                throw new IllegalArgumentException("two routes for " + route.key());
            }
        }
    }

    /** The given routes plus {@code GET /api/openapi.json}, the document describing them all. */
    public static RouteTable of(List<? extends Route<?>> routes, String title, String version) {
        List<Route<?>> all = new ArrayList<>(routes);
        OpenApiDocument document = new OpenApiDocument(title, version);
        RouteTable[] self = new RouteTable[1];
        all.add(Route.of("GET", OpenApiDocument.PATH, Access.ANONYMOUS, "This OpenAPI 3 document",
                java.util.Map.class, request -> ApiResponse.ok(document.render(self[0]))));
        self[0] = new RouteTable(all);
        return self[0];
    }

    public List<Route<?>> routes() {
        return routes;
    }

    /** The outcome of looking a request up. */
    public sealed interface Match {
        record Found(Route<?> route, Map<String, String> pathParameters) implements Match {}

        record MethodNotAllowed(Set<String> allowed) implements Match {}

        record NotFound() implements Match {}
    }

    public Match match(String method, String path) {
        String[] segments = split(path);
        Route<?> best = null;
        Map<String, String> bestParameters = null;
        int bestLiterals = -1;
        Set<String> allowed = new TreeSet<>();
        for (Route<?> route : routes) {
            String[] template = split(route.path());
            Map<String, String> parameters = bind(template, segments);
            if (parameters == null) {
                continue;
            }
            allowed.add(route.method());
            int literals = template.length - parameters.size();
            if (route.method().equals(method) && literals > bestLiterals) {
                best = route;
                bestParameters = parameters;
                bestLiterals = literals;
            }
        }
        if (best != null) {
            return new Match.Found(best, bestParameters);
        }
        return allowed.isEmpty() ? new Match.NotFound() : new Match.MethodNotAllowed(allowed);
    }

    private static Map<String, String> bind(String[] template, String[] segments) {
        if (template.length != segments.length) {
            return null;
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < template.length; i++) {
            String part = template[i];
            if (part.startsWith("{") && part.endsWith("}")) {
                if (segments[i].isEmpty()) {
                    return null;
                }
                parameters.put(part.substring(1, part.length() - 1), segments[i]);
            } else if (!part.equals(segments[i])) {
                return null;
            }
        }
        return parameters;
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.split("/", -1);
    }

    private static String shape(String path) {
        return path.replaceAll("\\{[^/]+}", "{}");
    }
}
