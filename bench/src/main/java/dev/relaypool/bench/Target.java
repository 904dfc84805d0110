package dev.relaypool.bench;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Where the load goes, with its requests pre-encoded: the fake upstream directly (with an upstream API key) or the
 * relay (with a member key). Both get the same Anthropic Messages body, about 2 KB.
 */
record Target(String name, InetSocketAddress address, byte[] plain, byte[] stream) {
    static final String MODEL = "claude-sonnet-4-5";

    static Target of(String name, int port, String apiKey, String session) {
        String hostPort = "127.0.0.1:" + port;
        Map<String, String> headers = Map.of("x-api-key", apiKey, "anthropic-version", "2023-06-01");
        return new Target(name, new InetSocketAddress("127.0.0.1", port),
                HttpConnection.post(hostPort, "/v1/messages", headers, body(false, session)),
                HttpConnection.post(hostPort, "/v1/messages", headers, body(true, session)));
    }

    /** A realistic small turn: system prompt, a few messages, a session in metadata.user_id (as Claude Code sends). */
    static byte[] body(boolean stream, String session) {
        String filler = "Relaypool benchmark conversation text. ".repeat(12);
        String json = "{\"model\":\"" + MODEL + "\",\"max_tokens\":256,\"stream\":" + stream
                + ",\"metadata\":{\"user_id\":\"user_0123456789abcdef_account_00000000-0000-0000-0000-000000000000_session_"
                + session + "\"},"
                + "\"system\":[{\"type\":\"text\",\"text\":\"You are a helpful assistant. " + filler + "\","
                + "\"cache_control\":{\"type\":\"ephemeral\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + filler + "\"},"
                + "{\"role\":\"assistant\",\"content\":\"" + filler + "\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"" + filler + " What next?\"}]}]}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
