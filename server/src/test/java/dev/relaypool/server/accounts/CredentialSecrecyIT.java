package dev.relaypool.server.accounts;

import static dev.relaypool.server.storage.schema.Tables.UPSTREAM_ACCOUNTS;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.relaypool.fake.Behaviour;
import dev.relaypool.model.Platform;
import dev.relaypool.server.accounts.oauth.FlowFinish;
import dev.relaypool.server.accounts.oauth.FlowStart;
import dev.relaypool.server.accounts.oauth.OAuthDraft;
import dev.relaypool.server.accounts.oauth.TokenRefresher;
import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.crypto.CredentialCipher;
import dev.relaypool.server.gateway.UpstreamProxy;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** Upstream secrets are encrypted at rest and never reach a log line or a {@code toString}. */
class CredentialSecrecyIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static final byte[] MASTER_KEY = new byte[32];
    private static RelayFixture relay;

    @BeforeAll
    static void start() {
        Arrays.fill(MASTER_KEY, (byte) 0x33);
        relay = RelayFixture.start(postgres, baseUrl -> {
            Map<String, String> env = new HashMap<>();
            env.put("RELAYPOOL_SECURITY_MASTER_KEY", Base64.getEncoder().encodeToString(MASTER_KEY));
            env.put("RELAYPOOL_OAUTH_ANTHROPIC_CLIENT_ID", "secrecy-client");
            env.put("RELAYPOOL_OAUTH_ANTHROPIC_CLIENT_SECRET", "client-secret-5512");
            env.put("RELAYPOOL_OAUTH_ANTHROPIC_REDIRECT_URI", "https://relay.example/cb");
            env.put("RELAYPOOL_OAUTH_ANTHROPIC_TOKEN_URL", baseUrl + "/v1/oauth/token");
            return env;
        });
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    @Test
    void apiKeysAreEncryptedAtRestAndDecryptBack() {
        long id = relay.server.parts().accounts().create(NewAccount.apiKey("at-rest", Platform.OPENAI, "sk-at-rest-6d1e",
                Optional.of(relay.upstream.baseUrl())));
        byte[] stored = postgres.dsl().select(UPSTREAM_ACCOUNTS.CREDENTIALS).from(UPSTREAM_ACCOUNTS)
                .where(UPSTREAM_ACCOUNTS.ID.eq(id)).fetchOne().value1();

        String raw = new String(stored, StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("sk-at-rest-6d1e").doesNotContain("api_key")
                .doesNotContain(new String(MASTER_KEY, StandardCharsets.ISO_8859_1));
        assertThat(new CredentialCodec(new CredentialCipher(MASTER_KEY)).decrypt(stored))
                .isEqualTo(new AccountCredentials.ApiKey("sk-at-rest-6d1e"));
    }

    @Test
    void noSecretReachesTheLogsDuringSignInRefreshAndFailure() throws Exception {
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(captured);
        try {
            var flows = relay.server.parts().oauth().flows();
            FlowStart.Started started = (FlowStart.Started) flows.start(
                    OAuthDraft.newAccount("logged", Platform.ANTHROPIC).withBaseUrl(relay.upstream.baseUrl()));
            long signedIn = ((FlowFinish.Connected) flows.finish(Optional.empty(), "code-secret-4411#" + started.state())).accountId();
            long imported = ((FlowFinish.Connected) flows.importTokens(
                    OAuthDraft.newAccount("logged-import", Platform.ANTHROPIC).withBaseUrl(relay.upstream.baseUrl()),
                    "access-secret-8812", Optional.of("refresh-secret-9913"), Optional.of(Instant.now()))).accountId();
            relay.server.parts().oauth().refresher().refresh(signedIn, new TokenRefresher.Reason.Rejected("fake-access-token-1"));
            relay.upstream.forCredential("refresh-secret-9913", Behaviour.unauthorized());
            relay.server.parts().oauth().refresher().refresh(imported, new TokenRefresher.Reason.DueSoon());
            relay.server.parts().proxies().create(new NewProxy("logged-proxy", UpstreamProxy.Type.SOCKS5, "127.0.0.1",
                    1080, Optional.of("u"), Optional.of("proxy-secret-1234")));
        } finally {
            root.detachAppender(captured);
        }

        List<String> lines = captured.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()))).toList();
        assertThat(lines).anyMatch(l -> l.contains("invalid_grant")); // the failure itself is logged...
        for (String secret : List.of("code-secret-4411", "access-secret-8812", "refresh-secret-9913", "fake-access-token",
                "fake-refresh-token", "client-secret-5512", "proxy-secret-1234")) {
            assertThat(lines).as("log lines mentioning " + secret).noneMatch(l -> l.contains(secret)); // ...its secrets never
        }
    }

    @Test
    void toStringNeverPrintsASecret() {
        var oauth = new AccountCredentials.OAuth("tok-access-1", "tok-refresh-1", Instant.EPOCH);
        var proxy = new UpstreamProxy(UpstreamProxy.Type.HTTP, "p.example", 3128, Optional.of("u"), Optional.of("pw-secret-1"));
        List<Object> values = List.of(oauth, new AccountCredentials.ApiKey("sk-secret-1"), oauth.toUpstream(), proxy,
                new NewProxy("n", UpstreamProxy.Type.HTTP, "p.example", 3128, Optional.of("u"), Optional.of("pw-secret-1")),
                new OAuthAccount(1, "a", Platform.ANTHROPIC, oauth, Optional.of(proxy)),
                new NewAccount("n", Platform.ANTHROPIC, oauth, Optional.empty(), Optional.empty(), 1, 1, ModelMapping.ALLOW_ALL),
                new RelaypoolConfig.OAuthClient("id", Optional.of("client-secret-1"), URI.create("https://a"),
                        URI.create("https://t"), List.of(), Optional.empty()),
                relay.config.oauth(), relay.config.security(), new TokenRefresher.Reason.Rejected("tok-access-1"));
        for (Object value : values) {
            assertThat(value.toString()).doesNotContain("tok-access-1").doesNotContain("tok-refresh-1")
                    .doesNotContain("sk-secret-1").doesNotContain("pw-secret-1").doesNotContain("client-secret");
        }
    }
}
