package dev.relaypool.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import dev.relaypool.server.scheduling.PoolSelector;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients that are slow or silent on purpose, on bare sockets against the real relay with short limits: dribbled
 * headers and bodies are cut off, thousands of idle connections neither starve a good client nor stay open, and a
 * client that stops reading its stream loses it without the relay buffering the rest or keeping the account's slot.
 */
class HostileClientsIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    static RelayFixture relay;
    static RelayFixture.Member member;

    @BeforeAll
    static void start() {
        relay = RelayFixture.start(postgres, Map.of(
                "RELAYPOOL_SERVER_READ_TIMEOUT_MS", "1000",
                "RELAYPOOL_SERVER_WRITE_TIMEOUT_MS", "2000",
                "RELAYPOOL_SERVER_REQUEST_PARSE_TIMEOUT_MS", "2000",
                "RELAYPOOL_SERVER_BODY_TIMEOUT_MS", "3000",
                "RELAYPOOL_SERVER_KEEP_ALIVE_TIMEOUT_MS", "2000"));
        member = relay.member(Platform.ANTHROPIC);
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    @Test
    void dribbledHeadersAreCutOffAfterTheParseTimeout() throws Exception {
        try (RawClient client = RawClient.connect(relay.server.port())) {
            client.send("POST /v1/messages HTTP/1.1\r\nHost: relay\r\n");
            long started = System.nanoTime();
            boolean closed = false;
            for (int i = 0; i < 40 && !closed; i++) { // a header line every 300 ms: never silent for a read timeout
                try {
                    client.send("x-slow-" + i + ": y\r\n");
                } catch (IOException e) {
                    closed = true;
                    break;
                }
                closed = client.closedWithin(Duration.ofMillis(300));
            }
            assertThat(closed).as("connection closed while headers were still dribbling").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
        }
    }

    @Test
    void dribbledBodyGets408AfterTheBodyTimeout() throws Exception {
        try (RawClient client = RawClient.connect(relay.server.port())) {
            client.send(head(1000));
            long started = System.nanoTime();
            for (int i = 0; i < 40 && !client.hasAnswer(); i++) { // a byte every 300 ms: under the read timeout
                try {
                    client.send(i == 0 ? "{" : " ");
                } catch (IOException e) {
                    break;
                }
                Thread.sleep(300);
            }
            String answer = client.readToEnd();
            assertThat(RawClient.status(answer)).as(answer).isEqualTo(408);
            assertThat(RawClient.body(answer)).contains("\"type\":\"error\"").contains("timeout_error");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void aBodyThatStopsArrivingClosesTheConnectionAfterTheReadTimeout() throws Exception {
        try (RawClient client = RawClient.connect(relay.server.port())) {
            client.send(head(1000));
            client.send("{\"model\":\"claude-sonnet-4-5\",");
            assertThat(client.closedWithin(Duration.ofSeconds(6))).isTrue();
        }
    }

    @Test
    void twoThousandIdleConnectionsNeitherStarveAGoodClientNorStayOpen() throws Exception {
        List<RawClient> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 2000; i++) {
                RawClient client = RawClient.connect(relay.server.port());
                if (i % 2 == 0) {
                    client.send("POST /v1/messages HTTP/1.1\r\n"); // half of them start a request and stop
                }
                idle.add(client);
            }
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                String answer = RawClient.roundTrip(relay.server.port(), head(body(false).length),
                        body(false));
                assertThat(RawClient.status(answer)).as(answer).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            }
            for (int i = 0; i < idle.size(); i += 100) {
                assertThat(idle.get(i).closedWithin(Duration.ofSeconds(8))).as("idle connection %d closed", i).isTrue();
            }
        } finally {
            for (RawClient client : idle) {
                client.close();
            }
        }
    }

    @Test
    void aClientThatStopsReadingItsStreamLosesItAndFreesTheAccount() throws Exception {
        relay.upstream.setReply("x".repeat(8 * 1024 * 1024), 8192); // 8 MiB in 1 KiB deltas, far beyond any socket buffer
        try (RawClient client = RawClient.connect(relay.server.port(), 4096)) {
            client.send(head(body(true).length));
            client.send(body(true));
            String leaseKey = PoolSelector.leaseKey(member.accountId());
            assertThat(Soak.await(() -> relay.server.parts().coordination().leases().inUse(leaseKey) == 1,
                    Duration.ofSeconds(5))).as("the stream holds the account's slot").isTrue();
            // the client reads nothing: the relay's writes block, it stops reading upstream, then gives up on the client
            assertThat(Soak.await(() -> relay.server.parts().coordination().leases().inUse(leaseKey) == 0
                    && relay.upstream.openStreams() == 0, Duration.ofSeconds(20)))
                    .as("account slot freed and upstream stream closed").isTrue();
        } finally {
            relay.upstream.setReply("Hello from the fake upstream.", 4);
        }
    }

    @Test
    void aSlowReaderGetsEveryByteOfLargeAnswersAndKeepsItsConnection() throws Exception {
        String text = "0123456789abcdef".repeat(128 * 1024); // 2 MiB: many times the socket buffers
        relay.upstream.setReply(text, 512);
        relay.upstream.setUsage(new dev.relaypool.fake.Usage(10, 10, 0, 0, 0, 0)); // the member's balance is shared
        try (RawClient client = RawClient.connect(relay.server.port(), 4096)) {
            for (boolean stream : new boolean[] {false, true, false}) { // one keep-alive connection for all three
                client.send(keepAliveHead(body(stream).length));
                client.send(body(stream));
                RawClient.Response response = client.readResponse(8 << 20, Duration.ofMillis(1));
                assertThat(response.status()).as(response.headers()).isEqualTo(200);
                String answer = response.text();
                if (stream) {
                    StringBuilder deltas = new StringBuilder();
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"text\":\"([0-9a-f]*)\"").matcher(answer);
                    while (m.find()) {
                        deltas.append(m.group(1));
                    }
                    assertThat(deltas.toString()).isEqualTo(text);
                    assertThat(answer).contains("message_stop").doesNotContain("event: error");
                } else {
                    assertThat(answer).contains(text);
                }
            }
        } finally {
            relay.upstream.setUsage(null);
            relay.upstream.setReply("Hello from the fake upstream.", 4);
        }
    }

    @Test
    void answersThatTakeLongerThanTheClientTimeoutsAreNotCut() throws Exception {
        relay.upstream.setPacing(Duration.ofMillis(400)); // a stream of several seconds: far beyond the 1 s read timeout
        relay.upstream.enqueue(dev.relaypool.fake.Behaviour.answer(), dev.relaypool.fake.Behaviour.slowFirstToken(Duration.ofSeconds(3)));
        try {
            String stream = RawClient.roundTrip(relay.server.port(), head(body(true).length), body(true));
            assertThat(RawClient.status(stream)).as(stream).isEqualTo(200);
            assertThat(stream).contains("message_stop").doesNotContain("event: error");
            String late = RawClient.roundTrip(relay.server.port(), head(body(false).length), body(false));
            assertThat(RawClient.status(late)).as(late).isEqualTo(200); // 3 s of silence before the headers
        } finally {
            relay.upstream.setPacing(Duration.ZERO);
        }
    }

    private static String head(long contentLength) {
        return "POST /v1/messages HTTP/1.1\r\nHost: relay\r\nx-api-key: " + member.key()
                + "\r\nanthropic-version: 2023-06-01\r\ncontent-type: application/json\r\nconnection: close\r\n"
                + "content-length: " + contentLength + "\r\n\r\n";
    }

    private static String keepAliveHead(long contentLength) {
        return head(contentLength).replace("connection: close\r\n", "");
    }

    private static byte[] body(boolean stream) {
        return ("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").getBytes(StandardCharsets.UTF_8);
    }
}
