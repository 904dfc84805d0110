package dev.relaypool.server.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.relaypool.model.Platform;
import dev.relaypool.server.config.ConfigLoader;
import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.gateway.UpstreamAccount;
import dev.relaypool.server.gateway.UpstreamCredential;
import dev.relaypool.server.net.UpstreamAddressPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Calls of an account spread over the connection pools and still reuse their keep-alive connections: many calls
 * one after another open at most one connection per pool, and every answer arrives whole.
 */
class UpstreamClientsTest {
    private HttpServer upstream;
    private final Set<InetSocketAddress> connections = ConcurrentHashMap.newKeySet();
    private UpstreamClients clients;

    @BeforeEach
    void start() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", exchange -> {
            connections.add(exchange.getRemoteAddress());
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
        RelaypoolConfig config = ConfigLoader.load(null, Map.of("RELAYPOOL_SECURITY_ALLOW_PRIVATE_UPSTREAMS", "true",
                "RELAYPOOL_SECURITY_ALLOW_HTTP_UPSTREAMS", "true"));
        clients = new UpstreamClients(config.gateway(), UpstreamAddressPolicy.fromConfig(config.security()), Optional.empty());
    }

    @AfterEach
    void stop() {
        clients.close();
        upstream.stop(0);
    }

    @Test
    void callsSpreadOverThePoolsAndReuseTheirConnections() throws IOException {
        String base = "http://127.0.0.1:" + upstream.getAddress().getPort();
        UpstreamAccount account = new UpstreamAccount(1, Platform.ANTHROPIC, base, new UpstreamCredential.ApiKey("sk-1"),
                Optional.empty());
        int calls = 5 * UpstreamClients.SHARDS;
        for (int i = 0; i < calls; i++) {
            try (Response response = clients.forAccount(account).newCall(new Request.Builder().url(base + "/v1/messages")
                    .build()).execute()) {
                assertThat(response.code()).isEqualTo(200);
                assertThat(response.body().string()).isEqualTo("{\"ok\":true}");
            }
        }
        assertThat(connections).as("connections opened by %d calls in turn", calls)
                .hasSizeBetween(2, UpstreamClients.SHARDS);
    }
}
