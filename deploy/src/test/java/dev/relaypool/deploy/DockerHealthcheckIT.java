package dev.relaypool.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The image's HEALTHCHECK script, against a stand-in server on loopback. */
class DockerHealthcheckIT {
    private static final String SCRIPT = Scripts.DEPLOY.resolve("docker-healthcheck.sh").toString();

    @Test
    void healthyWhenHealthzAnswers200() throws IOException {
        assertThat(checkAgainstServerAnswering(200).exitCode()).isZero();
    }

    @Test
    void unhealthyWhenHealthzAnswers503() throws IOException {
        assertThat(checkAgainstServerAnswering(503).exitCode()).isNotZero();
    }

    @Test
    void unhealthyWhenNothingListens() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        assertThat(check(port).exitCode()).isNotZero();
    }

    private static Scripts.Result checkAgainstServerAnswering(int status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/healthz", exchange -> {
            byte[] body = "{\"status\":\"ok\"}".getBytes();
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            return check(server.getAddress().getPort());
        } finally {
            server.stop(0);
        }
    }

    private static Scripts.Result check(int port) {
        return Scripts.run(Scripts.DEPLOY, Map.of("RELAYPOOL_SERVER_PORT", Integer.toString(port)), List.of("bash", SCRIPT));
    }
}
