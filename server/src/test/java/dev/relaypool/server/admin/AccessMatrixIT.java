package dev.relaypool.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaypool.server.testing.ApiClient;
import dev.relaypool.server.testing.ApiClient.Reply;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * For every documented route: anonymous callers get 401, members get 403 on admin routes, and member routes
 * answer a member (never 401/403). Read from the OpenAPI document, so a new route is covered without edits.
 */
class AccessMatrixIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static RelayFixture relay;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        relay = RelayFixture.start(postgres);
        api = new ApiClient(relay.baseUrl());
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    private record Operation(String method, String path, String access) {}

    private static List<Operation> operations() {
        JsonNode paths = api.get("/api/openapi.json", null).body().path("paths");
        List<Operation> all = new ArrayList<>();
        paths.properties().forEach(path -> path.getValue().properties().forEach(op -> all.add(new Operation(
                op.getKey().toUpperCase(), path.getKey().replaceAll("\\{[^}]+}", "999999"),
                op.getValue().path("x-access").asText()))));
        return all;
    }

    @Test
    void anonymousCallersAreRefusedOnEveryAdminAndMemberRoute() {
        List<Operation> guarded = operations().stream().filter(op -> !op.access().equals("anonymous")).toList();
        assertThat(guarded).hasSizeGreaterThan(60).contains(
                new Operation("PUT", "/api/v1/admin/users/999999/keys/999999/ip-rules", "admin"),
                new Operation("PUT", "/api/v1/keys/999999/ip-rules", "member"),
                new Operation("POST", "/api/v1/admin/proxies/999999/test", "admin"));
        for (Operation op : guarded) {
            Reply reply = api.call(op.method(), op.path(), null, null);
            assertThat(reply.status()).as(op.method() + " " + op.path()).isEqualTo(401);
        }
    }

    @Test
    void membersAreForbiddenOnEveryAdminRouteAndServedOnMemberRoutes() {
        String member = api.signUp(postgres, "member").token();
        for (Operation op : operations()) {
            if (op.path().startsWith("/api/v1/auth/") || op.path().equals("/api/v1/me/password")
                    || op.path().startsWith("/api/v1/me/totp")) {
                continue; // sign-in flows: covered by AuthApiIT, and would end this member's session
            }
            Reply reply = api.call(op.method(), op.path(), "{}", member);
            if (op.access().equals("admin")) {
                assertThat(reply.status()).as(op.method() + " " + op.path()).isEqualTo(403);
                assertThat(reply.text()).doesNotContain("\"items\"");
            } else {
                assertThat(reply.status()).as(op.method() + " " + op.path()).isNotIn(401, 403, 405, 500);
                if (reply.status() == 404) { // only an id that names nothing of this member's
                    assertThat(op.path()).as(op.method() + " " + op.path()).contains("999999");
                }
            }
        }
    }
}
