package dev.relaypool.server.gateway.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/** Lenient JSON reading for usage taps: malformed input is "no usage", never an exception on the request path. */
public final class JsonUsage {
    private static final ObjectMapper MAPPER = dev.relaypool.server.api.Json.mapper();

    private JsonUsage() {}

    public static Optional<JsonNode> parse(String json) {
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.readTree(json));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static Optional<JsonNode> parse(byte[] json) {
        if (json == null || json.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.readTree(json));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A non-negative count at {@code field} of {@code node}, or {@code fallback} when absent or not a number. */
    public static long count(JsonNode node, String field, long fallback) {
        if (node == null) {
            return fallback;
        }
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? Math.max(0, value.asLong()) : fallback;
    }

    /** JSON string literal of {@code text}, quotes included. */
    public static String quote(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e); // writing a String cannot fail
        }
    }
}
