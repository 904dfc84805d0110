package dev.relaypool.server.api;

import dev.relaypool.model.api.ErrorResponse;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders the OpenAPI 3 document of a {@link RouteTable}: generated from the table, so it cannot drift from it. */
final class OpenApiDocument {
    static final String PATH = "/api/openapi.json";
    private static final Pattern PARAMETER = Pattern.compile("\\{([^/}]+)}");

    private final String title;
    private final String version;

    OpenApiDocument(String title, String version) {
        this.title = title;
        this.version = version;
    }

    Map<String, Object> render(RouteTable table) {
        JsonSchemas schemas = new JsonSchemas();
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route<?> route : table.routes()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(route.path(), p -> new LinkedHashMap<>());
            item.put(route.method().toLowerCase(Locale.ROOT), operation(route, schemas));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.0.3");
        document.put("info", Map.of("title", title, "version", version));
        document.put("paths", paths);
        document.put("components", Map.of(
                "schemas", schemas.components(),
                "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer",
                        "description", "An access token from /api/v1/auth/login, or an admin API key (rpa_...)"))));
        return document;
    }

    private static Map<String, Object> operation(Route<?> route, JsonSchemas schemas) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("operationId", operationId(route));
        operation.put("summary", route.summary());
        operation.put("x-access", route.access().name().toLowerCase(Locale.ROOT));
        operation.put("security", route.access() == Access.ANONYMOUS ? List.of() : List.of(Map.of("bearer", List.of())));
        List<Map<String, Object>> parameters = new java.util.ArrayList<>();
        Matcher matcher = PARAMETER.matcher(route.path());
        while (matcher.find()) {
            parameters.add(Map.of("name", matcher.group(1), "in", "path", "required", true,
                    "schema", Map.of("type", "string")));
        }
        if (!parameters.isEmpty()) {
            operation.put("parameters", parameters);
        }
        if (route.hasBody()) {
            operation.put("requestBody", Map.of("required", true,
                    "content", json(schemas.schemaOf(route.requestType()))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        Type response = route.responseType();
        if (response == Void.class) {
            responses.put("204", Map.of("description", "Done"));
        } else {
            responses.put("200", Map.of("description", "OK", "content", json(schemas.schemaOf(response))));
        }
        responses.put("default", Map.of("description", "An error: {\"error\":{\"code\",\"message\"}}",
                "content", json(schemas.schemaOf(ErrorResponse.class))));
        operation.put("responses", responses);
        return operation;
    }

    private static Map<String, Object> json(Map<String, Object> schema) {
        return Map.of("application/json", Map.of("schema", schema));
    }

    private static String operationId(Route<?> route) {
        StringBuilder id = new StringBuilder(route.method().toLowerCase(Locale.ROOT));
        for (String part : route.path().substring("/api/".length()).split("[/.{}-]+")) {
            if (!part.isEmpty()) {
                id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return id.toString();
    }
}
