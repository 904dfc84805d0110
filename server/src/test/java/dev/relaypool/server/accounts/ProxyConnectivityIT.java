package dev.relaypool.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.admin.ProxyRequest;
import dev.relaypool.model.admin.ProxyTestRequest;
import dev.relaypool.server.testing.ApiClient;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;
import okhttp3.Credentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /api/v1/admin/proxies/{id}/test} goes through a real local proxy and says what happened in words. */
class ProxyConnectivityIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static RelayFixture relay;
    private static ApiClient api;
    private static String admin;

    @BeforeAll
    static void start() {
        // the default target is the fake upstream: what an operator would point at a provider
        relay = RelayFixture.start(postgres, baseUrl -> Map.of("RELAYPOOL_SECURITY_PROXY_TEST_URL", baseUrl + "/v1/models"));
        api = new ApiClient(relay.baseUrl());
        admin = api.signUp(postgres, "admin").token();
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    @Test
    void reportsSuccessAndLatencyThroughAProxyThatDemandsCredentials() throws IOException {
        try (TinyProxy proxy = TinyProxy.http(Optional.of(Credentials.basic("tester", "proxy-secret-5521")))) {
            long id = proxy("good", proxy.port(), "tester", "proxy-secret-5521");

            ApiClient.Reply reply = api.call("POST", "/api/v1/admin/proxies/" + id + "/test", null, admin);

            assertThat(reply.status()).as(reply.text()).isEqualTo(200);
            assertThat(reply.body().path("ok").asBoolean()).isTrue();
            assertThat(reply.body().path("status").asInt()).isBetween(200, 499);
            assertThat(reply.body().path("latencyMs").asLong()).isNotNegative();
            assertThat(reply.body().path("target").asText()).isEqualTo(relay.upstream.baseUrl() + "/v1/models");
            assertThat(proxy.relayed).anyMatch(line -> line.endsWith("/v1/models"));
            assertThat(reply.text()).doesNotContain("proxy-secret-5521");
        }
    }

    @Test
    void reportsRefusedCredentialsInWords() throws IOException {
        try (TinyProxy proxy = TinyProxy.http(Optional.of(Credentials.basic("tester", "right-password")))) {
            long id = proxy("wrong-password", proxy.port(), "tester", "wrong-password-9090");

            ApiClient.Reply reply = api.call("POST", "/api/v1/admin/proxies/" + id + "/test",
                    new ProxyTestRequest(relay.upstream.baseUrl() + "/v1/models"), admin);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().path("ok").asBoolean()).isFalse();
            assertThat(reply.body().path("message").asText()).contains("refused the credentials");
            assertThat(reply.text()).doesNotContain("wrong-password-9090");
        }
    }

    @Test
    void reportsAnUnreachableProxyInWords() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        long id = proxy("nobody-home", closedPort, null, null);

        ApiClient.Reply reply = api.call("POST", "/api/v1/admin/proxies/" + id + "/test", null, admin);

        assertThat(reply.body().path("ok").asBoolean()).isFalse();
        assertThat(reply.body().path("message").asText()).contains("could not connect to the http proxy 127.0.0.1:" + closedPort);
    }

    @Test
    void refusesATargetTheAddressPolicyForbidsAndAnUnknownProxy() throws IOException {
        try (TinyProxy proxy = TinyProxy.http(Optional.empty())) {
            long id = proxy("policy", proxy.port(), null, null);

            ApiClient.Reply reply = api.call("POST", "/api/v1/admin/proxies/" + id + "/test",
                    new ProxyTestRequest("file:///etc/passwd"), admin);

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.body().path("error").path("message").asText()).contains("target refused");
            assertThat(proxy.relayed).isEmpty();
        }
        assertThat(api.call("POST", "/api/v1/admin/proxies/987654/test", null, admin).status()).isEqualTo(404);
    }

    private static long proxy(String name, int port, String user, String password) {
        ApiClient.Reply created = api.call("POST", "/api/v1/admin/proxies",
                new ProxyRequest(name, "http", "127.0.0.1", port, user, password, null), admin);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().path("id").asLong();
    }
}
