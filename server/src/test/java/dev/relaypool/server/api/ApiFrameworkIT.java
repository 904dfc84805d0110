package dev.relaypool.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaypool.model.auth.LoginRequest;
import io.undertow.Undertow;
import io.undertow.server.handlers.PathHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The framework alone, on a real Undertow on a free loopback port, with a stub authenticator. */
class ApiFrameworkIT {
    private static final Authenticator STUB = credential -> switch (credential) {
        case "member-token" -> new Authenticator.Result.Authenticated(
                new Principal.User(1, Role.MEMBER, UUID.randomUUID(), Instant.now()));
        case "admin-token" -> new Authenticator.Result.Authenticated(
                new Principal.User(2, Role.ADMIN, UUID.randomUUID(), Instant.now()));
        case "rpa_automation" -> new Authenticator.Result.Authenticated(new Principal.ApiKey(7, "ci"));
        default -> new Authenticator.Result.Rejected("the access token is not valid");
    };

    private static final List<Route<?>> ROUTES = List.of(
            Route.of("POST", "/api/v1/echo", Access.MEMBER, "Echo", LoginRequest.class, LoginRequest.class,
                    request -> ApiResponse.ok(request.body())),
            Route.of("GET", "/api/v1/public", Access.ANONYMOUS, "Thread kind", Map.class,
                    request -> ApiResponse.ok(Map.of("virtual", Thread.currentThread().isVirtual()))),
            Route.of("GET", "/api/v1/admin/thing", Access.ADMIN, "Admin thing", Map.class,
                    request -> ApiResponse.ok(Map.of("who", request.principal().orElseThrow().getClass().getSimpleName()))),
            Route.of("GET", "/api/v1/boom", Access.ANONYMOUS, "Fails", Map.class, request -> {
                throw new IllegalStateException("secret detail");
            }));

    private static Undertow server;
    private static ExecutorService executor;
    private static String base;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        executor = Executors.newVirtualThreadPerTaskExecutor();
        ApiHandler api = new ApiHandler(RouteTable.of(ROUTES, "Test", "1"), STUB, executor, TrustedProxies.none());
        server = Undertow.builder().addHttpListener(0, "127.0.0.1")
                .setHandler(new PathHandler().addPrefixPath("/api", api)).build();
        server.start();
        base = "http://127.0.0.1:" + ((InetSocketAddress) server.getListenerInfo().getFirst().getAddress()).getPort();
    }

    @AfterAll
    static void stop() {
        server.stop();
        executor.close();
    }

    private static HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String errorCode(HttpResponse<String> response) throws Exception {
        return Json.MAPPER.readTree(response.body()).path("error").path("code").asText();
    }

    @Test
    void anonymousGets401AndAMemberGets403OnAdminRoutes() throws Exception {
        assertThat(call("GET", "/api/v1/admin/thing", null, null)).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(errorCode(r)).isEqualTo("unauthenticated");
        });
        assertThat(call("GET", "/api/v1/admin/thing", "forged", null).statusCode()).isEqualTo(401);
        HttpResponse<String> member = call("GET", "/api/v1/admin/thing", "member-token", null);
        assertThat(member.statusCode()).isEqualTo(403);
        assertThat(errorCode(member)).isEqualTo("forbidden");
        assertThat(call("GET", "/api/v1/admin/thing", "admin-token", null).statusCode()).isEqualTo(200);
    }

    @Test
    void anApiKeyIsAdminOnAdminRoutesOnly() throws Exception {
        HttpResponse<String> admin = call("GET", "/api/v1/admin/thing", "rpa_automation", null);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("ApiKey");
        assertThat(call("POST", "/api/v1/echo", "rpa_automation", "{\"email\":\"a\",\"password\":\"b\"}").statusCode())
                .isEqualTo(403);
    }

    @Test
    void echoesAValidBodyAndNamesTheProblemOfABadOne() throws Exception {
        HttpResponse<String> ok = call("POST", "/api/v1/echo", "member-token", "{\"email\":\"a@b.c\",\"password\":\"pw\"}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(Json.MAPPER.readValue(ok.body(), LoginRequest.class)).isEqualTo(new LoginRequest("a@b.c", "pw", null));

        HttpResponse<String> bad = call("POST", "/api/v1/echo", "member-token", "{\"email\":");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(errorCode(bad)).isEqualTo("invalid_json");
        assertThat(Json.MAPPER.readTree(bad.body()).path("error").path("message").asText()).contains("line 1");
    }

    @Test
    void unknownRoutesAre404AndWrongMethods405() throws Exception {
        HttpResponse<String> missing = call("GET", "/api/v1/nowhere", null, null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(errorCode(missing)).isEqualTo("not_found");
        HttpResponse<String> wrong = call("DELETE", "/api/v1/echo", "member-token", null);
        assertThat(wrong.statusCode()).isEqualTo(405);
        assertThat(wrong.headers().firstValue("allow")).hasValue("POST");
        assertThat(errorCode(wrong)).isEqualTo("method_not_allowed");
    }

    @Test
    void handlersRunOnVirtualThreadsAndFailuresRevealNothing() throws Exception {
        assertThat(call("GET", "/api/v1/public", null, null).body()).isEqualTo("{\"virtual\":true}");
        HttpResponse<String> boom = call("GET", "/api/v1/boom", null, null);
        assertThat(boom.statusCode()).isEqualTo(500);
        assertThat(boom.body()).isEqualTo("{\"error\":{\"code\":\"internal_error\",\"message\":\"internal error\"}}");
    }

    @Test
    void theOpenApiDocumentListsEveryRouteWithItsAccessAndSchemas() throws Exception {
        JsonNode document = Json.MAPPER.readTree(call("GET", "/api/openapi.json", null, null).body());
        assertThat(document.path("openapi").asText()).startsWith("3.");
        assertThat(document.at("/paths/~1api~1v1~1admin~1thing/get/x-access").asText()).isEqualTo("admin");
        assertThat(document.at("/paths/~1api~1v1~1echo/post/requestBody/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/LoginRequest");
        assertThat(document.at("/components/schemas/LoginRequest/properties/totpCode/type").asText()).isEqualTo("string");
        for (Route<?> route : ROUTES) {
            assertThat(document.path("paths").path(route.path()).has(route.method().toLowerCase())).as(route.key()).isTrue();
        }
    }
}
