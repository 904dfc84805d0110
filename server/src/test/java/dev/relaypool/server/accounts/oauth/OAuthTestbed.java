package dev.relaypool.server.accounts.oauth;

import dev.relaypool.model.Platform;
import dev.relaypool.server.accounts.Accounts;
import dev.relaypool.server.accounts.CredentialCodec;
import dev.relaypool.server.coordination.Coordination;
import dev.relaypool.server.crypto.CredentialCipher;
import dev.relaypool.server.net.UpstreamAddressPolicy;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Shared set-up of the OAuth integration tests: a relay whose Anthropic OAuth client points at the fake. */
final class OAuthTestbed {
    static final String CLIENT_ID = "relaypool-test-client";
    static final String REDIRECT = "https://relay.example/oauth/callback";
    static final byte[] MASTER_KEY = masterKey();
    private static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).build();

    private OAuthTestbed() {}

    static RelayFixture relay(PostgresExtension postgres, Map<String, String> extra) {
        return RelayFixture.start(postgres, baseUrl -> {
            Map<String, String> env = new HashMap<>(extra);
            env.put("RELAYPOOL_SECURITY_MASTER_KEY", Base64.getEncoder().encodeToString(MASTER_KEY));
            env.put("RELAYPOOL_OAUTH_ANTHROPIC_CLIENT_ID", CLIENT_ID);
            env.put("RELAYPOOL_OAUTH_ANTHROPIC_REDIRECT_URI", REDIRECT);
            env.put("RELAYPOOL_OAUTH_ANTHROPIC_TOKEN_URL", baseUrl + "/v1/oauth/token");
            env.putIfAbsent("RELAYPOOL_OAUTH_REFRESH_INTERVAL_SECONDS", "3600"); // tests drive the job by hand
            return env;
        });
    }

    static CredentialCodec codec() {
        return new CredentialCodec(new CredentialCipher(MASTER_KEY));
    }

    /** Another relay node on the same database and coordination: its own accounts snapshot and OAuth parts. */
    record Node(Accounts accounts, OAuthAccounts oauth) implements AutoCloseable {
        static Node beside(RelayFixture relay, Coordination coordination, boolean startJob) {
            return beside(relay, coordination, relay.config.oauth(), startJob);
        }

        static Node beside(RelayFixture relay, Coordination coordination, dev.relaypool.server.config.RelaypoolConfig.OAuth config,
                           boolean startJob) {
            UpstreamAddressPolicy addresses = UpstreamAddressPolicy.fromConfig(relay.config.security());
            Accounts accounts = new Accounts(relay.server.database(), codec(), addresses, coordination.broadcasts());
            return new Node(accounts, OAuthAccounts.create(config, accounts, codec(), coordination, addresses,
                    Clock.systemUTC(), startJob, java.util.Optional.empty()));
        }

        @Override
        public void close() {
            oauth.close();
            accounts.close();
        }
    }

    /** A member key in a fresh Anthropic group that holds {@code accountId}. */
    static String memberOf(RelayFixture relay, long accountId) {
        long user = relay.user(new BigDecimal("5"));
        long group = relay.group(Platform.ANTHROPIC);
        relay.server.parts().accounts().linkToGroup(accountId, group, 10);
        return relay.key(user, group);
    }

    static int send(RelayFixture relay, String key) throws Exception {
        Request request = new Request.Builder().url(relay.baseUrl() + "/v1/messages")
                .header("x-api-key", key).header("anthropic-version", "2023-06-01")
                .post(RequestBody.create("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", MediaType.get("application/json")))
                .build();
        try (Response response = HTTP.newCall(request).execute()) {
            response.body().string();
            return response.code();
        }
    }

    private static byte[] masterKey() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 0x5a);
        return key;
    }
}
