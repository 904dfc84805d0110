package dev.relaypool.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private static Route<Void> route(String method, String path, Access access) {
        return Route.of(method, path, access, "test", Void.class, request -> ApiResponse.noContent());
    }

    private final Route<Void> byId = route("GET", "/api/v1/users/{id}", Access.MEMBER);
    private final Route<Void> me = route("GET", "/api/v1/users/me", Access.MEMBER);
    private final RouteTable table = RouteTable.of(List.of(byId, me, route("DELETE", "/api/v1/users/{id}", Access.MEMBER)),
            "t", "1");

    @Test
    void prefersALiteralSegmentOverAParameter() {
        assertThat(table.match("GET", "/api/v1/users/me")).isEqualTo(new RouteTable.Match.Found(me, Map.of()));
        assertThat(table.match("GET", "/api/v1/users/17")).isEqualTo(new RouteTable.Match.Found(byId, Map.of("id", "17")));
    }

    @Test
    void tellsAWrongMethodFromAnUnknownPath() {
        assertThat(table.match("POST", "/api/v1/users/17"))
                .isEqualTo(new RouteTable.Match.MethodNotAllowed(Set.of("DELETE", "GET")));
        assertThat(table.match("GET", "/api/v1/nothing")).isInstanceOf(RouteTable.Match.NotFound.class);
        assertThat(table.match("GET", "/api/v1/users/")).isInstanceOf(RouteTable.Match.NotFound.class);
        assertThat(table.match("GET", "/api/openapi.json")).isInstanceOf(RouteTable.Match.Found.class);
    }

    @Test
    void refusesAnAdminPathThatIsNotAdminOnlyAndDuplicates() {
        assertThatThrownBy(() -> route("GET", "/api/v1/admin/users", Access.MEMBER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteTable.of(List.of(byId, route("GET", "/api/v1/users/{name}", Access.MEMBER)), "t", "1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
