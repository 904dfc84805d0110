package dev.relaypool.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaypool.server.RelaypoolServer;
import dev.relaypool.server.auth.ApiCalls.Reply;
import dev.relaypool.server.testing.PostgresExtension;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The served OpenAPI document and the routes the server answers are the same set, and hold the agreed contract. */
class OpenApiCoverageIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    /** The contract the desktop app and the dashboard are built against. */
    private static final List<String> CONTRACT = List.of(
            "POST /api/v1/auth/login", "POST /api/v1/auth/refresh", "POST /api/v1/auth/logout",
            "POST /api/v1/auth/logout-all", "POST /api/v1/auth/register", "GET /api/v1/me", "POST /api/v1/me/password",
            "POST /api/v1/me/totp/setup", "POST /api/v1/me/totp/enable", "POST /api/v1/me/totp/disable",
            "POST /api/v1/admin/api-keys", "GET /api/v1/admin/settings", "PUT /api/v1/admin/settings",
            "GET /api/openapi.json", "PUT /api/v1/admin/users/{id}/keys/{keyId}/ip-rules", "PUT /api/v1/keys/{id}/ip-rules",
            "POST /api/v1/admin/proxies/{id}/test");

    @TempDir
    static Path dataDir;
    private static RelaypoolServer server;
    private static ApiCalls api;

    @BeforeAll
    static void start() {
        server = AuthServerFixture.start(postgres, dataDir, Map.of());
        api = new ApiCalls(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyDocumentedRouteIsAnsweredAndAuthorisedAsDocumented() {
        JsonNode paths = api.call("GET", "/api/openapi.json", null, null, null).body().path("paths");
        Set<String> documented = new HashSet<>();
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String method = operation.getKey().toUpperCase();
            documented.add(method + " " + path.getKey());
            Reply reply = api.call(method, path.getKey().replaceAll("\\{[^}]+}", "1"), null, null, "192.0.2.200");
            assertThat(reply.errorCode()).as(method + " " + path.getKey()).isNotIn("not_found", "method_not_allowed");
            String access = operation.getValue().path("x-access").asText();
            assertThat(reply.status() == 401 && reply.errorCode().equals("unauthenticated"))
                    .as(method + " " + path.getKey() + " is " + access).isEqualTo(!access.equals("anonymous"));
        }));

        assertThat(documented).containsAll(CONTRACT);
        assertThat(api.call("GET", "/api/v1/not-a-route", null, null, null).errorCode()).isEqualTo("not_found");
        assertThat(api.call("PATCH", "/api/v1/me", null, null, null).errorCode()).isEqualTo("method_not_allowed");
    }

    @Test
    void everyAdminRouteIsAdminOnlyAndSchemasAreNamed() {
        JsonNode document = api.call("GET", "/api/openapi.json", null, null, null).body();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (path.getKey().startsWith("/api/v1/admin/")) {
                assertThat(operation.getValue().path("x-access").asText()).isEqualTo("admin");
            }
        }));
        assertThat(document.at("/paths/~1api~1v1~1auth~1login/post/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/TokenResponse");
        assertThat(document.at("/components/schemas/TokenResponse/properties/accessTokenExpiresAt/format").asText())
                .isEqualTo("date-time");
        assertThat(document.at("/components/schemas/ErrorResponse/properties/error/$ref").asText())
                .isEqualTo("#/components/schemas/ApiError");
    }
}
