package dev.relaypool.server.coordination;

import static dev.relaypool.server.coordination.ContractFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.server.RelaypoolServer;
import dev.relaypool.server.config.ConfigLoader;
import dev.relaypool.server.testing.RedisServerExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A node with Redis configured is ready only while Redis answers, and says so on /readyz. */
class RedisReadinessIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void readinessFollowsRedis() throws Exception {
        Path dataDir = Files.createTempDirectory("relaypool-readiness-");
        var config = ConfigLoader.load(null, Map.of(
                "RELAYPOOL_REDIS_URL", redis.url().toString(),
                "RELAYPOOL_SERVER_HOST", "127.0.0.1",
                "RELAYPOOL_SERVER_PORT", "0",
                "RELAYPOOL_DATA_DIR", dataDir.toString()));
        try (RelaypoolServer server = RelaypoolServer.start(config)) {
            URI readyz = URI.create("http://127.0.0.1:" + server.port() + "/readyz");
            assertThat(get(readyz).statusCode()).isEqualTo(200);

            redis.stop();
            HttpResponse<String> down = get(readyz);
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"redis\"");

            redis.start();
            assertThat(eventually(Duration.ofSeconds(20), () -> get(readyz).statusCode() == 200)).isTrue();
        }
    }

    private HttpResponse<String> get(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
