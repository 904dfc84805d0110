package dev.relaypool.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relaypool.fake.FakeUpstream;
import dev.relaypool.model.Platform;
import dev.relaypool.server.net.UpstreamAddressPolicy;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With the production defaults (no private targets, https only) the relay refuses to point accounts inwards. */
class SsrfIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static RelayFixture relay;

    @BeforeAll
    static void start() {
        relay = RelayFixture.start(postgres, Map.of("RELAYPOOL_SECURITY_ALLOW_PRIVATE_UPSTREAMS", "false",
                "RELAYPOOL_SECURITY_ALLOW_HTTP_UPSTREAMS", "false"));
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1", "https://169.254.169.254", "https://[::ffff:10.0.0.1]", "https://0177.0.0.1",
            "https://[fe80::1]", "https://192.168.0.10:8443/v1", "https://0.0.0.0", "http://8.8.8.8"})
    void refusesAccountsWhoseBaseUrlPointsInwardsOrIsPlainHttp(String baseUrl) {
        SaveResult result = relay.server.parts().accounts().add(NewAccount.apiKey("inward", Platform.OPENAI, "sk-x",
                Optional.of(baseUrl)));
        assertThat(result).isInstanceOf(SaveResult.Refused.class);
        assertThat(postgres.dsl().fetchCount(dev.relaypool.server.storage.schema.Tables.UPSTREAM_ACCOUNTS
                .where(dev.relaypool.server.storage.schema.Tables.UPSTREAM_ACCOUNTS.NAME.eq("inward")))).isZero();
    }

    @Test
    void refusesToMoveAnExistingAccountInwards() {
        long id = relay.server.parts().accounts().create(NewAccount.apiKey("official", Platform.OPENAI, "sk-y", Optional.empty()));
        assertThat(relay.server.parts().accounts().updateEndpoint(id, Optional.of("https://10.0.0.8"), Optional.empty()))
                .isInstanceOfSatisfying(SaveResult.Refused.class, r -> assertThat(r.reason()).contains("private"));
    }

    @Test
    void refusesProxiesOnPrivateOrLoopbackHosts() {
        Proxies proxies = relay.server.parts().proxies();
        assertThat(proxies.create(NewProxy.http("inside", "10.0.0.5", 3128))).isInstanceOf(SaveResult.Refused.class);
        assertThat(proxies.create(NewProxy.http("loop", "127.0.0.1", 3128))).isInstanceOf(SaveResult.Refused.class);
        assertThat(proxies.create(NewProxy.http("meta", "169.254.169.254", 80))).isInstanceOf(SaveResult.Refused.class);
        assertThat(proxies.create(NewProxy.http("public", "8.8.8.8", 3128))).isInstanceOf(SaveResult.Saved.class);
    }

    @Test
    void refusesAtConnectTimeWhatANameResolvesToLater() {
        // a name that passed its check, then rebinds to loopback where a service listens
        try (FakeUpstream inside = FakeUpstream.start(0)) {
            UpstreamAddressPolicy policy = new UpstreamAddressPolicy(false, true,
                    host -> List.of(InetAddress.getLoopbackAddress()));
            OkHttpClient client = new OkHttpClient.Builder().dns(policy.dns())
                    .addNetworkInterceptor(policy.connectionGuard()).build();

            assertThatThrownBy(() -> client.newCall(new Request.Builder()
                    .url("http://rebound.example.com:" + inside.port() + "/v1/models").build()).execute().close())
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> client.newCall(new Request.Builder()
                    .url("http://127.0.0.1:" + inside.port() + "/v1/models").build()).execute().close())
                    .isInstanceOf(IOException.class).hasMessageContaining("not a public address");
            assertThat(inside.requestCount()).isZero();
        }
    }
}
