package dev.relaypool.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.server.RelaypoolServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /readyz} reports the database: 200 while it answers, 503 naming it once it is gone. */
class ReadinessIT {
    @TempDir
    Path dataDir;

    @Test
    void readinessFollowsTheDatabase() throws Exception {
        try (RelaypoolServer server = RelaypoolServer.start(TestConfig.embedded(dataDir))) {
            HttpClient http = HttpClient.newHttpClient();
            URI readyz = URI.create("http://127.0.0.1:" + server.port() + "/readyz");

            HttpResponse<String> up = http.send(HttpRequest.newBuilder(readyz).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(up.statusCode()).isEqualTo(200);

            stopPostgres(dataDir.resolve("postgres"));

            HttpResponse<String> down = http.send(HttpRequest.newBuilder(readyz).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"database\"");
        }
    }

    /** What an operator's {@code kill -INT} does: a fast shutdown of the postmaster, under the running server. */
    private static void stopPostgres(Path pgData) throws Exception {
        long pid = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).getFirst().strip());
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        postmaster.onExit().get(60, TimeUnit.SECONDS);
    }
}
