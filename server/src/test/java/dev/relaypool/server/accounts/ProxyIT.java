package dev.relaypool.server.accounts;

import static dev.relaypool.server.storage.schema.Tables.PROXIES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import dev.relaypool.server.crypto.CredentialCipher;
import dev.relaypool.server.gateway.UpstreamProxy;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Accounts behind an outbound proxy reach the provider through it; proxy passwords are stored encrypted. */
class ProxyIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    static final byte[] MASTER_KEY = new byte[32];
    private static RelayFixture relay;
    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).build();

    @BeforeAll
    static void start() {
        java.util.Arrays.fill(MASTER_KEY, (byte) 7);
        relay = RelayFixture.start(postgres, Map.of("RELAYPOOL_SECURITY_MASTER_KEY", Base64.getEncoder().encodeToString(MASTER_KEY)));
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    @Test
    void reachesTheUpstreamThroughAnHttpProxyThatDemandsCredentials() throws Exception {
        try (TinyProxy proxy = TinyProxy.http(Optional.of(Credentials.basic("proxy-user", "proxy-pass-7781")))) {
            long proxyId = relay.server.parts().proxies().create(new NewProxy("http-proxy", UpstreamProxy.Type.HTTP,
                    "127.0.0.1", proxy.port(), Optional.of("proxy-user"), Optional.of("proxy-pass-7781"))).orThrow();
            String key = memberBehind(proxyId, "sk-via-http-proxy");

            assertThat(send(key)).isEqualTo(200);

            assertThat(proxy.relayed).anyMatch(line -> line.startsWith("POST http://127.0.0.1:") && line.endsWith("/v1/messages"));
            assertThat(proxy.authorizations).contains(Credentials.basic("proxy-user", "proxy-pass-7781"));
            assertThat(relay.upstream.lastRequest().header("x-api-key")).isEqualTo("sk-via-http-proxy");
            assertThat(relay.upstream.lastRequest().header("proxy-authorization")).isNull();

            byte[] stored = postgres.dsl().select(PROXIES.PASSWORD).from(PROXIES).where(PROXIES.ID.eq(proxyId)).fetchOne().value1();
            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("proxy-pass-7781");
            assertThat(new CredentialCodec(new CredentialCipher(MASTER_KEY)).decryptSecret(stored)).isEqualTo("proxy-pass-7781");
        }
    }

    @Test
    void reachesTheUpstreamThroughASocks5Proxy() throws Exception {
        try (TinyProxy proxy = TinyProxy.socks5()) {
            long proxyId = relay.server.parts().proxies().create(new NewProxy("socks-proxy", UpstreamProxy.Type.SOCKS5,
                    "127.0.0.1", proxy.port(), Optional.empty(), Optional.empty())).orThrow();
            String key = memberBehind(proxyId, "sk-via-socks");

            assertThat(send(key)).isEqualTo(200);

            assertThat(proxy.relayed).anyMatch(line -> line.startsWith("SOCKS5 CONNECT ") && line.endsWith(":" + relay.upstream.port()));
            assertThat(relay.upstream.lastRequest().header("x-api-key")).isEqualTo("sk-via-socks");
        }
    }

    @Test
    void movingAnAccountBehindAProxyTakesEffectAtOnce() throws Exception {
        try (TinyProxy proxy = TinyProxy.http(Optional.empty())) {
            long user = relay.user(new BigDecimal("5"));
            long group = relay.group(Platform.ANTHROPIC);
            long account = relay.account(group, Platform.ANTHROPIC, "sk-moved-later", 10);
            String key = relay.key(user, group);
            assertThat(send(key)).isEqualTo(200);
            assertThat(proxy.relayed).isEmpty();

            long proxyId = relay.server.parts().proxies().create(NewProxy.http("late-proxy", "127.0.0.1", proxy.port())).orThrow();
            assertThat(relay.server.parts().accounts().updateEndpoint(account, Optional.of(relay.upstream.baseUrl()),
                    Optional.of(proxyId))).isEqualTo(new SaveResult.Saved(account));

            assertThat(send(key)).isEqualTo(200);
            assertThat(proxy.relayed).hasSize(1);
        }
    }

    private String memberBehind(long proxyId, String upstreamKey) {
        long user = relay.user(new BigDecimal("5"));
        long group = relay.group(Platform.ANTHROPIC);
        long account = relay.server.parts().accounts().create(new NewAccount("acc-" + upstreamKey, Platform.ANTHROPIC,
                new AccountCredentials.ApiKey(upstreamKey), Optional.of(relay.upstream.baseUrl()), Optional.of(proxyId),
                3, 10, ModelMapping.ALLOW_ALL));
        relay.server.parts().accounts().linkToGroup(account, group, 10);
        return relay.key(user, group);
    }

    private int send(String key) throws Exception {
        Request request = new Request.Builder().url(relay.baseUrl() + "/v1/messages")
                .header("x-api-key", key).header("anthropic-version", "2023-06-01")
                .post(RequestBody.create("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", MediaType.get("application/json")))
                .build();
        try (Response response = http.newCall(request).execute()) {
            response.body().string();
            return response.code();
        }
    }
}
