package dev.relaypool.server.accounts.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.fake.FakeUpstream;
import dev.relaypool.fake.TlsIdentity;
import dev.relaypool.model.Platform;
import dev.relaypool.server.config.RelaypoolConfig.OAuthClient;
import dev.relaypool.server.gateway.upstream.UpstreamTrust;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token calls trust the operator's extra CAs ({@code gateway.upstream-ca-file}) as the gateway's calls do. */
class TokenEndpointTlsIT {
    @TempDir
    static Path dir;
    private static TlsIdentity identity;
    private static FakeUpstream fake;

    @BeforeAll
    static void start() throws IOException {
        identity = TlsIdentity.selfSigned(dir);
        fake = FakeUpstream.start(FakeUpstream.Options.defaults().withTls(identity));
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @Test
    void refreshesAgainstATokenUrlBehindTheOperatorsCa() {
        TokenEndpoint trusting = new TokenEndpoint(Duration.ofSeconds(10),
                UpstreamTrust.load(Optional.of(identity.certificatePem())));
        TokenEndpoint jdkOnly = new TokenEndpoint(Duration.ofSeconds(10), Optional.empty());
        OAuthClient client = new OAuthClient("client-1", Optional.empty(), URI.create(fake.httpsBaseUrl() + "/authorize"),
                URI.create(fake.httpsBaseUrl() + "/v1/oauth/token"), List.of("user:inference"), Optional.empty());

        TokenResponse trusted = trusting.refresh(Platform.ANTHROPIC, client, "rt-1", Optional.empty());
        TokenResponse refused = jdkOnly.refresh(Platform.ANTHROPIC, client, "rt-1", Optional.empty());

        assertThat(trusted).isInstanceOf(TokenResponse.Issued.class);
        assertThat(refused).isInstanceOf(TokenResponse.Unavailable.class);
        assertThat(fake.tokenCalls()).as("token calls that reached the provider").isEqualTo(1);
        trusting.close();
        jdkOnly.close();
    }
}
