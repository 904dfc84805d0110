package dev.relaypool.server.gateway;

import static dev.relaypool.server.gateway.TestGateway.ANTHROPIC_KEY;
import static dev.relaypool.server.gateway.TestGateway.account;
import static dev.relaypool.server.gateway.TestGateway.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaypool.fake.FakeUpstream;
import dev.relaypool.fake.TlsIdentity;
import dev.relaypool.model.Platform;
import dev.relaypool.server.gateway.upstream.UpstreamClients;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HTTPS upstream, as the providers' APIs are: the relay speaks HTTP/2 to it when offered, so many concurrent
 * streams share a few connections (a relay holding thousands of streams does not hold thousands of upstream
 * sockets); its certificate is trusted through {@code gateway.upstream-ca-file}, and without that the relay refuses
 * it, sends nothing, and answers the client with an error in its protocol.
 */
class GatewayHttpsUpstreamIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STREAM = "{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":64,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private static final int STREAMS = 200;

    @TempDir
    static Path dir;
    private static FakeUpstream fake;
    private static TestGateway trusting;
    private static TestGateway plain;

    @BeforeAll
    static void start() throws IOException {
        TlsIdentity identity = TlsIdentity.selfSigned(dir);
        fake = FakeUpstream.start(FakeUpstream.Options.defaults().withTls(identity));
        trusting = TestGateway.start(Map.of("RELAYPOOL_GATEWAY_UPSTREAM_CA_FILE", identity.certificatePem().toString()));
        plain = TestGateway.start(Map.of());
        for (TestGateway gateway : List.of(trusting, plain)) {
            gateway.selector.setAccounts(account(1, Platform.ANTHROPIC, fake.httpsBaseUrl(), "sk-ant-tls-1"));
        }
    }

    @AfterAll
    static void stop() {
        trusting.close();
        plain.close();
        fake.close();
    }

    @Test
    void concurrentStreamsShareAFewHttp2ConnectionsAndArriveWhole() throws Exception {
        fake.reset();
        trusting.reset();
        fake.setReply("one two three four five six", 6);
        fake.setPacing(Duration.ofMillis(100)); // ~0.6 s a stream: they overlap

        // one call per connection pool first: a burst on cold pools is a TLS handshake per call (OkHttp connects
        // for each waiting call, keeps the first HTTP/2 connection and drops the others), which is not measured here
        for (int i = 0; i < UpstreamClients.SHARDS; i++) {
            post(trusting);
        }
        List<Future<String>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < STREAMS; i++) {
                answers.add(clients.submit(() -> post(trusting)));
            }
        }

        for (Future<String> answer : answers) {
            assertThat(answer.get()).contains("message_stop").contains("six");
        }
        assertThat(fake.requestCount()).isEqualTo(STREAMS + UpstreamClients.SHARDS);
        assertThat(fake.http2Requests()).as("requests that reached the upstream over HTTP/2").isEqualTo(STREAMS + UpstreamClients.SHARDS);
        assertThat(fake.http2Connections()).as("upstream connections for %d concurrent streams", STREAMS)
                .isBetween(1, UpstreamClients.SHARDS);
        eventually(() -> trusting.usage.size() == STREAMS + UpstreamClients.SHARDS, "a usage record per stream");
        assertThat(trusting.usage).allSatisfy(record -> assertThat(record.errorClass()).isNull());
    }

    @Test
    void anUpstreamWhoseCertificateNobodyVouchesForGetsNothing() throws Exception {
        fake.reset();
        plain.reset();

        Request request = request(plain);
        try (Response response = plain.http.newCall(request).execute()) {
            JsonNode body = JSON.readTree(response.body().string());
            assertThat(response.code()).isGreaterThanOrEqualTo(500);
            assertThat(body.path("type").asText()).isEqualTo("error");
            assertThat(body.path("error").path("message").asText()).isNotBlank().doesNotContain("sk-ant-tls-1");
        }
        assertThat(fake.requestCount()).as("requests the upstream received").isZero();
        eventually(() -> plain.usage.size() == 1, "the failed attempt's record");
        assertThat(plain.usage.getFirst().errorClass()).isNotNull();
    }

    private static String post(TestGateway gateway) throws IOException {
        try (Response response = gateway.http.newCall(request(gateway)).execute()) {
            assertThat(response.code()).isEqualTo(200);
            return response.body().string();
        }
    }

    private static Request request(TestGateway gateway) {
        return new Request.Builder().url(gateway.url("/v1/messages"))
                .header("x-api-key", ANTHROPIC_KEY).header("anthropic-version", "2023-06-01")
                .post(RequestBody.create(STREAM, MediaType.get("application/json"))).build();
    }
}
