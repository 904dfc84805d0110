package dev.relaypool.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests no real client sends, on bare sockets: oversized headers and bodies, broken JSON and invalid UTF-8 in each
 * protocol, and paths that try to climb out of the gateway. Each gets a clear 4xx in the caller's protocol, never a
 * 5xx, and no trick reaches another route.
 */
class HostileRequestsIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    static RelayFixture relay;
    static Map<Platform, String> keys;

    @BeforeAll
    static void start() {
        relay = RelayFixture.start(postgres, Map.of("RELAYPOOL_SERVER_MAX_BODY_BYTES", "65536",
                "RELAYPOOL_SERVER_MAX_HEADER_BYTES", "16384"));
        keys = Map.of(Platform.ANTHROPIC, relay.member(Platform.ANTHROPIC).key(),
                Platform.OPENAI, relay.member(Platform.OPENAI).key(), Platform.GEMINI, relay.member(Platform.GEMINI).key());
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    @Test
    void oversizedHeadersAreRefusedWith431Or400() throws Exception {
        String answer = RawClient.roundTrip(relay.server.port(), "POST /v1/messages HTTP/1.1\r\nHost: relay\r\n"
                + "x-api-key: " + keys.get(Platform.ANTHROPIC) + "\r\nx-big: " + "a".repeat(20_000)
                + "\r\ncontent-length: 2\r\nconnection: close\r\n\r\n", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(RawClient.status(answer)).as(answer).isIn(400, 431); // Undertow 2.3 answers 400
    }

    @Test
    void oversizedBodiesGet413InTheCallersProtocol() throws Exception {
        byte[] big = ("{\"model\":\"m\",\"pad\":\"" + "a".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        for (Platform platform : Platform.values()) {
            String declared = send(platform, big, false);
            assertThat(RawClient.status(declared)).as(declared).isEqualTo(413);
            assertThat(RawClient.body(declared)).contains(envelope(platform));
            String chunked = send(platform, big, true); // no length up front: the limit is hit while reading
            assertThat(RawClient.status(chunked)).as(chunked).isEqualTo(413);
            assertThat(RawClient.body(chunked)).contains(envelope(platform));
        }
    }

    @Test
    void randomTruncatedAndNonUtf8BodiesGet400InTheCallersProtocol() throws Exception {
        Random random = new Random(11);
        List<byte[]> bodies = new ArrayList<>(List.of(
                "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"h".getBytes(StandardCharsets.UTF_8),
                "{\"model\":\"gpt-5\"}}".getBytes(StandardCharsets.UTF_8), "[]".getBytes(StandardCharsets.UTF_8),
                "".getBytes(StandardCharsets.UTF_8), "null".getBytes(StandardCharsets.UTF_8),
                withBytes("{\"model\":\"gpt-5\",\"contents\":[{\"parts\":[{\"text\":\"", new byte[] {(byte) 0xC3, 0x28}, "\"}]}]}"),
                withBytes("{\"model\":\"gpt-5\",\"x\":\"", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}"),
                withBytes("{\"model\":\"gpt-5\",\"x\":\"", new byte[] {(byte) 0xFF, (byte) 0xFE}, "\"}")));
        for (int i = 0; i < 30; i++) {
            byte[] noise = new byte[1 + random.nextInt(200)];
            random.nextBytes(noise);
            bodies.add(noise);
        }
        for (Platform platform : Platform.values()) {
            for (byte[] body : bodies) {
                String answer = send(platform, body, false);
                assertThat(RawClient.status(answer)).as(platform + " " + new String(body, StandardCharsets.ISO_8859_1)
                        + " -> " + answer).isEqualTo(400);
                assertThat(RawClient.body(answer)).contains(envelope(platform));
            }
        }
    }

    @Test
    void pathTricksGet4xxAndNeverReachAnotherRoute() throws Exception {
        String key = keys.get(Platform.ANTHROPIC);
        String[] paths = {"/v1/../healthz", "/v1/%2e%2e/healthz", "/v1/..%2Fhealthz", "/v1/..%2fhealthz", "//healthz",
            "/v1//messages/../../healthz", "/api/../healthz", "/v1/../api/v1/admin/users", "/api/v1/../../healthz",
            "/assets/../../../../etc/passwd", "/assets/..%2F..%2Fpom.xml", "/webjars/%2e%2e/%2e%2e/healthz",
            "/v1/messages%00", "/v1/messages%00.json", "/healthz%00", "/v1beta/models/..%2F..%2Fhealthz:generateContent",
            "/v1beta/models/%2e%2e:generateContent", "/" + "a".repeat(8_000), "/v1/" + "../".repeat(2_000) + "healthz"};
        for (String path : paths) {
            String answer = RawClient.roundTrip(relay.server.port(), "GET " + path + " HTTP/1.1\r\nHost: relay\r\n"
                    + "x-api-key: " + key + "\r\nconnection: close\r\n\r\n", new byte[0]);
            int status = RawClient.status(answer);
            assertThat(status).as(path + " -> " + answer).isBetween(400, 499);
            assertThat(RawClient.body(answer)).as(path).doesNotContain("\"status\":\"ok\"").doesNotContain("root:");
        }
        for (byte raw : new byte[] {0x00, 0x01, 0x7f}) { // raw control bytes in the target
            byte[] head = withBytes("GET /v1/models", new byte[] {raw}, " HTTP/1.1\r\nHost: relay\r\nconnection: close\r\n\r\n");
            String answer = RawClient.roundTrip(relay.server.port(), new String(head, StandardCharsets.ISO_8859_1), new byte[0]);
            assertThat(RawClient.status(answer)).as(raw + " -> " + answer).isIn(-1, 400);
        }
    }

    private static String send(Platform platform, byte[] body, boolean chunked) throws Exception {
        String path = switch (platform) {
            case ANTHROPIC -> "/v1/messages";
            case OPENAI -> "/v1/chat/completions";
            case GEMINI -> "/v1beta/models/gemini-2.5-pro:generateContent";
        };
        String auth = switch (platform) {
            case ANTHROPIC -> "x-api-key: ";
            case OPENAI -> "authorization: Bearer ";
            case GEMINI -> "x-goog-api-key: ";
        };
        String head = "POST " + path + " HTTP/1.1\r\nHost: relay\r\n" + auth + keys.get(platform)
                + "\r\ncontent-type: application/json\r\nconnection: close\r\n"
                + (chunked ? "transfer-encoding: chunked\r\n\r\n" : "content-length: " + body.length + "\r\n\r\n");
        return RawClient.roundTrip(relay.server.port(), head, chunked ? chunk(body) : body);
    }

    /** The error envelope's tell-tale in each protocol. */
    private static String envelope(Platform platform) {
        return switch (platform) {
            case ANTHROPIC -> "\"type\":\"error\"";
            case OPENAI -> "\"error\":{";
            case GEMINI -> "\"status\":\"";
        };
    }

    private static byte[] chunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += 8192) {
            int length = Math.min(8192, body.length - at);
            out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, at, length);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] withBytes(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
